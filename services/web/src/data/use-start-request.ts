import { useState } from 'react';

/** A request that starts a job, and how it went. */
export interface StartRequest<A extends readonly unknown[]> {
  readonly send: (...args: A) => Promise<void>;
  /** From the click until the page shows the job moved on, or the request failed. */
  readonly busy: boolean;
  /** The API's refusal, shown next to the button; null before and after a success. */
  readonly error: unknown;
}

/**
 * A request that starts a waiting job ("Start now", "Approve and start"): `onDone` gets the
 * API's answer, and the button stays busy until the page, seeing the job move on, drops it.
 */
export function useStartRequest<A extends readonly unknown[], T>(
  request: (...args: A) => Promise<T>,
  onDone: ((answer: T) => void) | undefined,
): StartRequest<A> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const send = async (...args: A): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      onDone?.(await request(...args));
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  return { send, busy, error };
}
