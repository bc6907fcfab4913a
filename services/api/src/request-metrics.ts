import type { ApiMetrics } from '@fleetpush/runtime';
import type { Request, RequestHandler } from 'express';

/** The label of a request that matched no route (a 404): never the raw path, which is unbounded. */
export const UNMATCHED_ROUTE = 'unmatched';

/** The matched route pattern (`/api/v1/jobs/:id`), so that ids never become label values. */
function routeOf(req: Request): string {
  const route = (req as Request & { route?: { path?: unknown } }).route;
  return typeof route?.path === 'string' ? `${req.baseUrl}${route.path}` : UNMATCHED_ROUTE;
}

/**
 * Times every request to the end of its response and records it by method, route pattern and
 * status (`fleetpush_http_request_duration_seconds`).
 */
export function requestMetrics(metrics: ApiMetrics): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    // The route is known once a handler ran; read it before the routers restore `baseUrl`.
    let route = UNMATCHED_ROUTE;
    const remember = (): void => {
      if (route === UNMATCHED_ROUTE) route = routeOf(req);
    };
    const originalEnd = res.end.bind(res) as (...args: unknown[]) => typeof res;
    res.end = ((...args: unknown[]) => {
      remember();
      return originalEnd(...args);
    }) as typeof res.end;
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.httpRequest(req.method, route, res.statusCode, seconds);
    });
    next();
  };
}
