import type { Problem } from '@fleetpush/contracts';

/** An API answer that was not a success: the server's code, message and field problems. */
export class FleetApiError extends Error {
  override readonly name = 'FleetApiError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: readonly Problem[] = [],
  ) {
    super(message);
  }
}

/** Builds the error from a failed response body (any shape; the API's is `{error:{…}}`). */
export function apiErrorFrom(status: number, body: unknown): FleetApiError {
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } })
    ?.error;
  if (error && typeof error.code === 'string' && typeof error.message === 'string') {
    const details = Array.isArray(error.details) ? (error.details as Problem[]) : [];
    return new FleetApiError(status, error.code, error.message, details);
  }
  return new FleetApiError(status, 'http_error', `the server answered ${status}`);
}
