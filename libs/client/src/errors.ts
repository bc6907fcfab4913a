import type { Problem } from '@fleetpush/contracts';

/** Stable codes of the client's own failures (the API's codes travel in {@link FleetpushApiError}). */
export const ClientErrorCode = {
  /** The API could not be reached (connection refused, DNS, TLS, aborted). */
  network: 'network',
  /** The API answered something that is not what its contract says. */
  badResponse: 'bad_response',
  /** A wait (`awaitJob`) ran past its deadline. */
  timeout: 'timeout',
  /** The gateway refused the connection or the join (bad token, unknown job). */
  watchRefused: 'watch_refused',
} as const;

/** A client failure code. */
export type ClientErrorCode = (typeof ClientErrorCode)[keyof typeof ClientErrorCode];

/** An error of the API: an HTTP status ≥ 400 with the API's `{error:{code,message,details}}`. */
export class FleetpushApiError extends Error {
  override readonly name = 'FleetpushApiError';

  constructor(
    /** The HTTP status (400, 401, 403, 404, 409, 413, 415, 429, 5xx). */
    readonly status: number,
    /** The API's stable error code (`validation_failed`, `not_found`, …). */
    readonly code: string,
    message: string,
    /** Field-level problems: `{ path, message, row? }`. */
    readonly details: readonly Problem[] = [],
    /** The `X-Request-Id` of the failed request, to find it in the API's logs. */
    readonly requestId?: string,
  ) {
    super(message);
  }

  /** Whether the caller's request was at fault (4xx): retrying it unchanged will not help. */
  get isClientError(): boolean {
    return this.status >= 400 && this.status < 500;
  }
}

/** A failure on the client's side of the wire: no answer, a malformed answer, a timeout. */
export class FleetpushClientError extends Error {
  override readonly name = 'FleetpushClientError';

  constructor(
    readonly code: ClientErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
