import { ShutdownError } from './errors';

/** Waits `ms`, or throws {@link ShutdownError} as soon as `signal` fires. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new ShutdownError('worker is shutting down'));
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new ShutdownError('worker is shutting down'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
