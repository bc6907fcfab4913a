import type { RequestHandler } from 'express';

/** Request headers a browser client may send: the bearer token, JSON bodies, idempotent submits. */
export const CORS_ALLOWED_HEADERS = ['Authorization', 'Content-Type', 'Idempotency-Key'] as const;
/** Methods the API's routes use. */
const ALLOWED_METHODS = 'GET, POST, PUT, DELETE';
/** Response headers a browser client may read (the request id, to quote in a report). */
const EXPOSED_HEADERS = 'X-Request-Id';
/** How long a browser may cache a preflight answer: 10 minutes, Chromium's own cap is 2 hours. */
const PREFLIGHT_MAX_AGE_S = 600;

/**
 * CORS for the REST API: an `Origin` in `origins` (`FLEETPUSH_CORS_ORIGINS`, exact matches) gets
 * `Access-Control-Allow-Origin` naming it; any other origin gets no CORS header, so the browser
 * keeps its answer from the page. Never a wildcard: an empty list is same-origin only (the web
 * UI the API serves). A preflight (`OPTIONS` with `Access-Control-Request-Method`) is answered
 * here with 204, before authentication (browsers send it without the token).
 */
export function cors(origins: readonly string[]): RequestHandler {
  const allowed = new Set(origins);
  return (req, res, next) => {
    res.vary('Origin');
    const origin = req.get('origin');
    const ok = origin !== undefined && allowed.has(origin);
    if (ok) {
      res.set('Access-Control-Allow-Origin', origin);
      res.set('Access-Control-Expose-Headers', EXPOSED_HEADERS);
    }
    const preflight = req.method === 'OPTIONS' && req.get('access-control-request-method');
    if (!preflight) {
      next();
      return;
    }
    if (ok) {
      res.set('Access-Control-Allow-Methods', ALLOWED_METHODS);
      res.set('Access-Control-Allow-Headers', CORS_ALLOWED_HEADERS.join(', '));
      res.set('Access-Control-Max-Age', String(PREFLIGHT_MAX_AGE_S));
    }
    res.status(204).end();
  };
}
