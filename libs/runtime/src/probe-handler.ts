import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MetricsRegistry } from './metrics-registry';
import { readiness, type ReadinessCheck } from './readiness';

/** Options of {@link probeHandler}. */
export interface ProbeHandlerOptions {
  /** What `/readyz` requires, by name (e.g. `redis`, `consuming`). */
  readonly checks: Readonly<Record<string, ReadinessCheck>>;
  readonly metrics: MetricsRegistry;
}

/** Handles a request if it is a probe or a scrape; false when it is not one. */
export type ProbeHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/**
 * `GET /healthz` (the process serves HTTP: 200), `GET /readyz` (every check passes: 200, else
 * 503, with each check's result) and `GET /metrics` (Prometheus text format). No token and no
 * data beyond counts: orchestrators and Prometheus call them from inside the cluster.
 */
export function probeHandler(options: ProbeHandlerOptions): ProbeHandler {
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const path = (req.url ?? '').split('?')[0];
    if (path === '/healthz') {
      json(res, 200, { status: 'ok' });
      return true;
    }
    if (path === '/readyz') {
      void readiness(options.checks).then((report) =>
        json(res, report.status === 'ready' ? 200 : 503, report),
      );
      return true;
    }
    if (path === '/metrics') {
      options.metrics.exposition().then(
        ({ contentType, body }) => {
          res.writeHead(200, { 'content-type': contentType });
          res.end(body);
        },
        () => json(res, 500, { error: { code: 'metrics_failed', message: 'collection failed' } }),
      );
      return true;
    }
    return false;
  };
}
