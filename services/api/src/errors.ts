import type { Problem } from '@fleetpush/contracts';

/** Stable codes of {@link ApiHttpError}: what a client branches on (never the message). */
export const ApiErrorCode = {
  validation: 'validation_failed',
  invalidJson: 'invalid_json',
  unauthorized: 'unauthorized',
  forbidden: 'forbidden',
  notFound: 'not_found',
  conflict: 'conflict',
  invalidState: 'invalid_state',
  tooLarge: 'payload_too_large',
  unsupportedMediaType: 'unsupported_media_type',
  importRejected: 'import_rejected',
  jobRefused: 'job_refused',
  rateLimited: 'rate_limited',
  /** A device could not be reached, logged in to or read (502): `details` name the SSH failure. */
  deviceError: 'device_error',
  internal: 'internal_error',
} as const;

/** An {@link ApiErrorCode}. */
export type ApiErrorCode = (typeof ApiErrorCode)[keyof typeof ApiErrorCode];

/** Options of {@link ApiHttpError}. */
export interface ApiHttpErrorOptions {
  /** Field-level problems (validation, rejected CSV rows, job planning). */
  readonly details?: readonly Problem[];
  readonly cause?: unknown;
}

/**
 * An error that becomes one HTTP error response `{error:{code,message,details}}`. Its message
 * is shown to the client, so it never carries a secret or an internal detail.
 */
export class ApiHttpError extends Error {
  override readonly name = 'ApiHttpError';
  readonly details?: readonly Problem[];

  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    options: ApiHttpErrorOptions = {},
  ) {
    super(message, { cause: options.cause });
    this.details = options.details;
  }
}

/** 404 for a named resource that does not exist. */
export function notFound(what: string): ApiHttpError {
  return new ApiHttpError(404, ApiErrorCode.notFound, `${what} not found`);
}
