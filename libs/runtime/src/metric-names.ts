/**
 * Every fleetpush metric name, in one place: the services register them, and the alert rules in
 * deploy/prometheus are checked against them. All carry the `fleetpush_` prefix.
 */
export const METRIC_NAMES = {
  /** Gauge: jobs not yet terminal, by `state` (queued, running, paused, cancelling). */
  jobs: 'fleetpush_jobs',
  /** Gauge: device tasks in the BullMQ queue, by `state` (waiting, delayed, active). */
  queueDepth: 'fleetpush_queue_depth',
  /** Counter: device tasks that ended, by `outcome` and `failure_code` (`none` when succeeded). */
  deviceTasks: 'fleetpush_device_tasks_total',
  /** Histogram: how long a device task took from its start to its terminal state, by `outcome`. */
  deviceDuration: 'fleetpush_device_duration_seconds',
  /** Gauge: SSH sessions this worker process holds open now. */
  sshSessionsOpen: 'fleetpush_ssh_sessions_open',
  /** Counter: SSH logins this worker process attempted (the login rate is its `rate()`). */
  sshLogins: 'fleetpush_ssh_logins_total',
  /** Histogram: from an event's append (its `at`) to the gateway emitting it to clients. */
  eventLag: 'fleetpush_event_lag_seconds',
  /** Histogram: API request duration, by `method`, `route` and `status`. */
  httpRequestDuration: 'fleetpush_http_request_duration_seconds',
} as const;

/** A fleetpush metric name. */
export type MetricName = (typeof METRIC_NAMES)[keyof typeof METRIC_NAMES];

/** The prefix of every fleetpush metric, including the process metrics. */
export const METRIC_PREFIX = 'fleetpush_';
