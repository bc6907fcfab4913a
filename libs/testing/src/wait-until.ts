/** Options of {@link waitUntil}. */
export interface WaitUntilOptions {
  /** Give up after this long (default 10 s). */
  readonly timeoutMs?: number;
  /** Poll period (default 10 ms). */
  readonly intervalMs?: number;
  /** Named in the timeout error, to say what was awaited. */
  readonly description?: string;
}

/**
 * Polls `probe` until it returns a truthy value (which is returned) or the timeout passes.
 * Tests wait with this, never with fixed sleeps.
 */
export async function waitUntil<T>(
  probe: () => T | Promise<T>,
  options: WaitUntilOptions = {},
): Promise<NonNullable<T>> {
  const { timeoutMs = 10_000, intervalMs = 10, description = 'condition' } = options;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      throw new Error(`waitUntil: ${description} not met within ${timeoutMs} ms`, {
        cause: lastError,
      });
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
