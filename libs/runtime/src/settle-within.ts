/** What {@link settleWithin} found: the value, or that it failed or took too long. */
export type Settled<T> = { readonly ok: true; readonly value: T } | { readonly ok: false };

/**
 * Waits for `work` at most `ms`. A probe or a scrape must answer even when Redis does not (a
 * client with an offline queue holds commands until Redis is back), so it gives up instead.
 */
export async function settleWithin<T>(work: Promise<T>, ms: number): Promise<Settled<T>> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Settled<T>>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false }), ms);
  });
  const settled = work.then(
    (value): Settled<T> => ({ ok: true, value }),
    (): Settled<T> => ({ ok: false }),
  );
  try {
    return await Promise.race([settled, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
