import { type FailureCode, isTransientFailure } from './failure-code';
import { err, ok, type Result } from './result';
import { type ValidationIssue } from './validation-issue';

/** When a failed device task is tried again, and after how long. */
export interface RetryPolicy {
  /** Total attempts of a non-canary device (1 = no retry). The canary always gets exactly 1. */
  readonly attempts: number;
  /** Backoff ceiling of the first retry, in ms; it doubles with each further attempt. */
  readonly baseDelayMs: number;
  /** Cap of the backoff ceiling, in ms. */
  readonly maxDelayMs: number;
  /** Also retry failures that happened after the first config line was sent. */
  readonly retryAfterApply: boolean;
}

/** Options of {@link retryPolicy}: any field left out takes its default. */
export type RetryPolicyOptions = Partial<RetryPolicy>;

/**
 * The defaults: one retry (a second attempt rides out a blip without hammering a dead
 * device or an AAA server with a wrong password), 1 s base, 30 s cap (long enough for a
 * flapping link to settle, short enough not to stall a wave), never after apply began.
 */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  attempts: 2,
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
  retryAfterApply: false,
};

function policyIssues(p: RetryPolicy): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (!(Number.isSafeInteger(p.attempts) && p.attempts >= 1)) {
    issues.push({ field: 'attempts', message: `must be a whole number ≥ 1, got ${p.attempts}` });
  }
  if (!(Number.isFinite(p.baseDelayMs) && p.baseDelayMs >= 0)) {
    issues.push({ field: 'baseDelayMs', message: `must be ms ≥ 0, got ${p.baseDelayMs}` });
  }
  if (!(Number.isFinite(p.maxDelayMs) && p.maxDelayMs >= p.baseDelayMs)) {
    issues.push({
      field: 'maxDelayMs',
      message: `must be ms ≥ baseDelayMs (${p.baseDelayMs}), got ${p.maxDelayMs}`,
    });
  }
  return issues;
}

/** Builds a retry policy from options and the defaults; every problem is returned at once. */
export function retryPolicy(
  options: RetryPolicyOptions = {},
): Result<RetryPolicy, ValidationIssue[]> {
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...defined };
  const issues = policyIssues(policy);
  return issues.length > 0 ? err(issues) : ok(policy);
}

/** Total attempts a device gets: the canary exactly one (it is a gate, never retried). */
export function attemptsFor(policy: RetryPolicy, isCanary: boolean): number {
  return isCanary ? 1 : policy.attempts;
}

/** A failed attempt, as the retry decision sees it. */
export interface FailedAttempt {
  readonly code: FailureCode;
  /** The first config line may have reached the device (apply had begun). */
  readonly configMayHaveChanged: boolean;
  /** The attempt that failed, counted from 1. */
  readonly attempt: number;
  readonly isCanary: boolean;
}

/**
 * Whether to try a failed device again. Never the canary; never past `attempts`; only
 * transient failures (`isTransientFailure`), since a rejected line or a changed host key fails
 * the same way every time; and when config may have changed, only if the job opted into
 * `retryAfterApply` (the change would be sent again).
 */
export function shouldRetry(policy: RetryPolicy, failure: FailedAttempt): boolean {
  if (failure.attempt >= attemptsFor(policy, failure.isCanary)) return false;
  if (failure.configMayHaveChanged && !policy.retryAfterApply) return false;
  return isTransientFailure(failure.code);
}

/**
 * How long to wait before the retry that follows failed attempt `attempt` (from 1):
 * exponential backoff with full jitter, a whole number of ms drawn uniformly from
 * [0, min(maxDelayMs, baseDelayMs · 2^(attempt−1))]. Full jitter spreads the retries of a
 * wave that failed together (a flapping AAA server) instead of sending them back in lockstep.
 * `random` returns a number in [0, 1), like `Math.random`; tests inject their own.
 */
export function retryDelayMs(policy: RetryPolicy, attempt: number, random: () => number): number {
  const exponent = Math.max(0, attempt - 1);
  const ceiling = Math.floor(Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** exponent));
  const r = random();
  const draw = r > 0 ? Math.min(r, 1) : 0; // NaN or a negative draw counts as 0
  // `ceiling + 1` makes the ceiling itself reachable; the `min` guards a draw of exactly 1.
  return Math.min(ceiling, Math.floor(draw * (ceiling + 1)));
}
