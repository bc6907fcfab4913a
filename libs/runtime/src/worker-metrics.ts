import { METRIC_NAMES } from './metric-names';
import type { MetricsRegistry } from './metrics-registry';

/** What a worker process reports as it works. */
export interface WorkerMetrics {
  /** A device task reached its terminal state after `seconds` (from its start). */
  deviceFinished(outcome: string, failureCode: string | undefined, seconds: number): void;
  /** An SSH login was attempted. */
  sshLogin(): void;
}

/** What the worker's gauges read at scrape time. */
export interface WorkerMetricSources {
  /** SSH sessions this process holds open now. */
  openSessions(): number;
}

/**
 * Device durations span a fast lab device (a fraction of a second) to a slow commit on a loaded
 * router (minutes, up to the default 180 s device deadline).
 */
const DEVICE_DURATION_BUCKETS = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 180, 300];

/**
 * Registers a worker's own metrics: `fleetpush_device_tasks_total{outcome,failure_code}`,
 * `fleetpush_device_duration_seconds{outcome}`, `fleetpush_ssh_sessions_open` and
 * `fleetpush_ssh_logins_total`.
 */
export function registerWorkerMetrics(
  registry: MetricsRegistry,
  sources: WorkerMetricSources,
): WorkerMetrics {
  const tasks = registry.counter({
    name: METRIC_NAMES.deviceTasks,
    help: 'Device tasks that reached a terminal state, by outcome and failure code',
    labelNames: ['outcome', 'failure_code'],
  });
  const duration = registry.histogram({
    name: METRIC_NAMES.deviceDuration,
    help: 'Device task duration from its start to its terminal state, in seconds',
    labelNames: ['outcome'],
    buckets: DEVICE_DURATION_BUCKETS,
  });
  registry.gauge({
    name: METRIC_NAMES.sshSessionsOpen,
    help: 'SSH sessions this worker process holds open',
    collect() {
      this.set(sources.openSessions());
    },
  });
  const logins = registry.counter({
    name: METRIC_NAMES.sshLogins,
    help: 'SSH logins attempted by this worker process',
  });
  return {
    deviceFinished(outcome, failureCode, seconds) {
      tasks.inc({ outcome, failure_code: failureCode ?? 'none' });
      duration.observe({ outcome }, seconds);
    },
    sshLogin: () => logins.inc(),
  };
}
