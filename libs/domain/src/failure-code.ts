/**
 * Why a device task failed: a stable code that travels from the SSH layer through the engine
 * to the API, the events and the UI. Each code says whether the failure is transient (the
 * same attempt could succeed later). Whether a retry is *allowed* also depends on whether
 * config may have changed (see `retry-policy.ts`).
 */
export const FailureCode = {
  connection_refused: 'connection_refused',
  connection_timeout: 'connection_timeout',
  auth_failed: 'auth_failed',
  host_key_mismatch: 'host_key_mismatch',
  host_key_unknown: 'host_key_unknown',
  command_error: 'command_error',
  command_timeout: 'command_timeout',
  device_timeout: 'device_timeout',
  session_dropped: 'session_dropped',
  aborted: 'aborted',
  protocol_error: 'protocol_error',
  /** A post-check assertion (expected / forbidden pattern) did not hold. */
  assertion_failed: 'assertion_failed',
  /** A task picked up again after a worker crash found the apply had begun; the post-checks are evidence. */
  uncertain_after_crash: 'uncertain_after_crash',
  /** The device's credentials could not be resolved (deleted profile, undecryptable secret). */
  credentials_unavailable: 'credentials_unavailable',
  /** An unexpected error inside fleetpush; a bug to report. */
  internal_error: 'internal_error',
} as const;

/** A device failure code. */
export type FailureCode = (typeof FailureCode)[keyof typeof FailureCode];

/** All failure codes. */
export const FAILURE_CODES: readonly FailureCode[] = Object.values(FailureCode);

/**
 * Failures that may go away on their own (network, load, a flapping AAA server). Login
 * failures are included because AAA outages are transient; the retry policy caps attempts so
 * that a wrong password cannot lock an account out.
 */
export const TRANSIENT_FAILURE_CODES: ReadonlySet<FailureCode> = new Set<FailureCode>([
  FailureCode.connection_refused,
  FailureCode.connection_timeout,
  FailureCode.auth_failed,
  FailureCode.command_timeout,
  FailureCode.device_timeout,
  FailureCode.session_dropped,
  FailureCode.protocol_error,
]);

/** Whether a failure code names a transient condition. */
export function isTransientFailure(code: FailureCode): boolean {
  return TRANSIENT_FAILURE_CODES.has(code);
}

/** Why a device task was skipped (never started). */
export const SkipReason = {
  canary_failed: 'canary_failed',
  budget_exceeded: 'budget_exceeded',
  cancelled: 'cancelled',
  not_in_scope: 'not_in_scope',
  /** The job's change window (`window.end_at`) closed before the device's turn came. */
  window_closed: 'window_closed',
} as const;

/** A skip reason. */
export type SkipReason = (typeof SkipReason)[keyof typeof SkipReason];

/** All skip reasons. */
export const SKIP_REASONS: readonly SkipReason[] = Object.values(SkipReason);
