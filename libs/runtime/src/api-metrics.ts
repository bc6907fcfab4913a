import { METRIC_NAMES } from './metric-names';
import type { MetricsRegistry } from './metrics-registry';

/** What the API reports per request. */
export interface ApiMetrics {
  /** A request ended; `route` is the matched route pattern, never the raw path (ids). */
  httpRequest(method: string, route: string, status: number, seconds: number): void;
}

/** Request durations: a probe answers in a millisecond, a 10,000-row import in seconds. */
const HTTP_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Registers `fleetpush_http_request_duration_seconds{method,route,status}`. */
export function registerApiMetrics(registry: MetricsRegistry): ApiMetrics {
  const duration = registry.histogram({
    name: METRIC_NAMES.httpRequestDuration,
    help: 'API request duration in seconds, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'],
    buckets: HTTP_BUCKETS,
  });
  return {
    httpRequest(method, route, status, seconds) {
      duration.observe({ method, route, status }, seconds);
    },
  };
}
