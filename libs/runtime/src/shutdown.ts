/** Something to stop on shutdown: it stops taking work, drains, and releases its resources. */
export type Closer = () => Promise<void>;

/** Options of {@link installShutdown}. */
export interface ShutdownOptions {
  /** Longest the graceful drain may take before the process is forced down. */
  readonly drainTimeoutMs?: number;
  /**
   * Called with what happened (logging). `forced` comes with why: `'second signal'`,
   * `'drain timeout'`, or the error a closer threw.
   */
  readonly onEvent?: (event: 'draining' | 'drained' | 'forced', detail?: unknown) => void;
  /** How the process ends (injectable for tests; default `process.exit`). */
  readonly exit?: (code: number) => void;
  /** Signal source (injectable for tests; default `process`). */
  readonly signals?: Pick<NodeJS.Process, 'on' | 'off'>;
}

/**
 * Graceful-then-forced shutdown: the first SIGTERM/SIGINT runs the closers in order (stop
 * taking work, let in-flight work finish, release connections) and exits 0; a second signal,
 * or the drain timeout, exits 1 at once. Returns a function that triggers the same drain
 * programmatically, and is idempotent.
 */
export function installShutdown(
  closers: readonly Closer[],
  options: ShutdownOptions = {},
): () => Promise<void> {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const signals = options.signals ?? process;
  let draining: Promise<void> | undefined;
  const force = (reason: string): void => {
    options.onEvent?.('forced', reason);
    exit(1);
  };
  const drain = (): Promise<void> => {
    if (draining) return draining;
    options.onEvent?.('draining');
    const timer = setTimeout(() => force('drain timeout'), options.drainTimeoutMs ?? 30_000);
    timer.unref();
    draining = (async () => {
      for (const close of closers) await close();
      clearTimeout(timer);
      options.onEvent?.('drained');
      exit(0);
    })().catch((error: unknown) => {
      clearTimeout(timer);
      options.onEvent?.('forced', error);
      exit(1);
    });
    return draining;
  };
  const onSignal = (): void => {
    if (draining) force('second signal');
    else void drain();
  };
  signals.on('SIGTERM', onSignal);
  signals.on('SIGINT', onSignal);
  return drain;
}
