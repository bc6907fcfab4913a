import type { Response } from 'express';

/** The media type of a streamed import. */
export const NDJSON = 'application/x-ndjson';

/**
 * Writes one JSON object per line to a response that was opened with
 * {@link openNdjson}. Writes after the response ended are dropped (the client went away).
 */
export function writeLine(res: Response, message: object): void {
  if (res.writableEnded || res.destroyed) return;
  res.write(`${JSON.stringify(message)}\n`);
}

/** Sends the 200 and the headers of an NDJSON stream at once, unbuffered by proxies. */
export function openNdjson(res: Response): void {
  res.status(200);
  res.setHeader('Content-Type', `${NDJSON}; charset=utf-8`);
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Accel-Buffering', 'no');
  res.flushHeaders();
}
