import type { IncomingMessage, ServerResponse } from 'node:http';
import { PassThrough } from 'node:stream';

/** Why a request body stream ended early: the client went away mid-upload. */
export class RequestAbortedError extends Error {
  override readonly name = 'RequestAbortedError';
  readonly code = 'request_aborted';
}

/**
 * The request body as a stream its reader may destroy. The importer destroys its input when it
 * stops early (a header problem, the size limit); destroying the request itself would cut the
 * connection before the answer is sent, so the reader gets a pass-through instead. A request
 * left partly unread ends its connection once the answer is out (nothing is drained without
 * bound), and a client that goes away mid-upload fails the stream with
 * {@link RequestAbortedError} (the reader settles instead of waiting forever).
 */
export function requestBody(req: IncomingMessage, res: ServerResponse): PassThrough {
  const body = new PassThrough();
  req.pipe(body);
  req.once('close', () => {
    if (!req.complete) body.destroy(new RequestAbortedError('the client aborted the request'));
  });
  res.once('finish', () => {
    if (req.complete) return;
    req.unpipe(body);
    req.socket.end();
  });
  return body;
}
