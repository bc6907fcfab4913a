/** Stable codes of {@link GatewayError}: what a client sees in `connect_error.data.code` or an ack. */
export const GatewayErrorCode = {
  /** No bearer token, or one that is unknown, revoked or expired. */
  unauthorized: 'unauthorized',
  /** A browser page from an origin that is not configured. */
  originNotAllowed: 'origin_not_allowed',
  /** A connection to a namespace other than `/jobs`. */
  wrongNamespace: 'wrong_namespace',
  /** A request that does not match its schema. */
  invalidRequest: 'invalid_request',
  /** `job:join` for a job that does not exist. */
  jobNotFound: 'job_not_found',
  /** A socket watching more jobs than one connection may. */
  tooManyJobs: 'too_many_jobs',
  /** Redis failed while serving a request; the client may retry. */
  unavailable: 'unavailable',
} as const;

/** A {@link GatewayError} code. */
export type GatewayErrorCode = (typeof GatewayErrorCode)[keyof typeof GatewayErrorCode];

/**
 * A refusal the gateway sends to a client. Socket.IO hands `message` and `data` of a middleware
 * error to the client's `connect_error`, so `data.code` carries the stable code there too.
 */
export class GatewayError extends Error {
  override readonly name = 'GatewayError';
  readonly data: { readonly code: GatewayErrorCode };

  constructor(
    readonly code: GatewayErrorCode,
    message: string,
    options?: { readonly cause?: unknown },
  ) {
    super(message, options);
    this.data = { code };
  }
}

/** The wire form of an error in an ack: the code and message, never a stack or a cause. */
export function ackError(error: GatewayError): {
  ok: false;
  error: { code: string; message: string };
} {
  return { ok: false, error: { code: error.code, message: error.message } };
}
