import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';

/** The header carrying a request's id, in and out. */
export const REQUEST_ID_HEADER = 'X-Request-Id';

/** An incoming id is kept only when it is short and harmless in logs and headers. */
const SAFE_ID = /^[A-Za-z0-9._-]{1,128}$/;

/**
 * Gives every request an id (the caller's `X-Request-Id` when it is safe, else a UUID),
 * echoes it in the response and keeps it in `res.locals.requestId` for logs and errors.
 */
export function requestId(): RequestHandler {
  return (req, res, next) => {
    const incoming = req.get(REQUEST_ID_HEADER);
    const id = incoming !== undefined && SAFE_ID.test(incoming) ? incoming : randomUUID();
    res.locals.requestId = id;
    res.set(REQUEST_ID_HEADER, id);
    next();
  };
}
