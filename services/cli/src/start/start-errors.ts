/** Stable codes of `fleetpush start` failures. */
export const StartErrorCode = {
  /** The services are not built (`npm run build`). */
  notBuilt: 'not_built',
  /** No Redis answers and no `redis-server` binary exists. */
  noRedis: 'no_redis',
  /** A service ended or did not become ready. */
  serviceFailed: 'service_failed',
} as const;

/** A start failure code. */
export type StartErrorCode = (typeof StartErrorCode)[keyof typeof StartErrorCode];

/** Why `fleetpush start` could not start; the message says what to do. */
export class StartError extends Error {
  override readonly name = 'StartError';

  constructor(
    readonly code: StartErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
