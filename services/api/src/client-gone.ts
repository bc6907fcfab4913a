import type { Response } from 'express';

/**
 * Calls `fn` if the client goes away before the response is sent; returns a function that
 * stops watching. Watches the response, not the request: a request emits `close` as soon as
 * its body has been read, which says nothing about the client.
 */
export function onClientGone(res: Response, fn: () => void): () => void {
  const listener = (): void => {
    if (!res.writableFinished) fn();
  };
  res.once('close', listener);
  return () => res.off('close', listener);
}
