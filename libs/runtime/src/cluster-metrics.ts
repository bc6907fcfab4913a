import { METRIC_NAMES } from './metric-names';
import type { MetricsRegistry } from './metrics-registry';
import { settleWithin } from './settle-within';

/** Where the cluster-wide gauges read their values at scrape time (from Redis). */
export interface ClusterMetricSources {
  /** Jobs not yet terminal, by state. */
  jobsByState(): Promise<Readonly<Record<string, number>>>;
  /** Device tasks in the queue, by state (libs/queue's `DeviceTaskQueue.depth`). */
  queueDepth(): Promise<Readonly<Record<string, number>>>;
}

/** A scrape answers within this even when Redis does not; the gauges are then left out. */
const COLLECT_TIMEOUT_MS = 1_000;

/** The job states the gauge always shows (0 when none), so that alert rules find a series. */
const JOB_STATES = ['queued', 'running', 'paused', 'cancelling'] as const;

/**
 * Registers the gauges that read shared state from Redis when scraped: `fleetpush_jobs{state}`
 * and `fleetpush_queue_depth{state}`. Every api and worker replica reports the same values;
 * aggregate them with `max`, not `sum`.
 */
export function registerClusterMetrics(
  registry: MetricsRegistry,
  sources: ClusterMetricSources,
): void {
  registry.gauge({
    name: METRIC_NAMES.jobs,
    help: 'Jobs not yet terminal, by state (read from Redis at scrape time)',
    labelNames: ['state'],
    async collect() {
      this.reset();
      const read = await settleWithin(sources.jobsByState(), COLLECT_TIMEOUT_MS);
      if (!read.ok) return;
      for (const state of JOB_STATES) this.set({ state }, 0);
      for (const [state, count] of Object.entries(read.value)) this.set({ state }, count);
    },
  });
  registry.gauge({
    name: METRIC_NAMES.queueDepth,
    help: 'Device tasks in the queue, by state (read from BullMQ at scrape time)',
    labelNames: ['state'],
    async collect() {
      this.reset();
      const read = await settleWithin(sources.queueDepth(), COLLECT_TIMEOUT_MS);
      if (!read.ok) return;
      for (const [state, count] of Object.entries(read.value)) this.set({ state }, count);
    },
  });
}
