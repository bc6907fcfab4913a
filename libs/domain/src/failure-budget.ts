import { percentOf } from './percent-of';
import { type ValidationIssue } from './validation-issue';

/**
 * How many device failures one wave tolerates before the run stops starting devices.
 *
 * Semantics (Ansible's `max_fail_percentage` has had years of edge-case bugs; these are
 * exact and tested at every boundary):
 * - tolerated failures in a wave = `maxFailures`, or `floor(maxFailurePct / 100 × waveSize)`,
 *   or 0 when `stopOnError` is true. When several are given the strictest (smallest) wins.
 *   None given = unlimited.
 * - the budget TRIPS when the failures in the wave become strictly greater than tolerated.
 *   So `maxFailurePct: 100` never trips, even when every device of the wave fails, and
 *   `maxFailurePct: 10` on a wave of 5 tolerates 0 (one failure is 20 %, more than 10 %).
 * - failures are final outcomes `failed` and `aborted` (see `countsAsFailure`); a device
 *   counts once; `skipped` never counts.
 * - the budget is per wave. The canary is in no wave: it is a gate of its own, and anything
 *   but success fails the run.
 */
export interface FailureBudget {
  /** Failures tolerated per wave (an integer ≥ 0). */
  readonly maxFailures?: number;
  /** Failures tolerated per wave as a percentage of the wave's size, in [0, 100]. */
  readonly maxFailurePct?: number;
  /** Stop at the first failure: a budget of 0. `false` is the same as absent. */
  readonly stopOnError?: boolean;
}

/** No budget at all: never trips. */
export const UNLIMITED_FAILURE_BUDGET: FailureBudget = {};

/**
 * Failures a wave of `waveSize` devices tolerates; `Infinity` when the budget sets no limit.
 * (`Infinity` never crosses a process: callers compare with it and store only counts.)
 */
export function toleratedFailures(budget: FailureBudget, waveSize: number): number {
  const limits: number[] = [];
  if (budget.maxFailures !== undefined) limits.push(budget.maxFailures);
  if (budget.maxFailurePct !== undefined) {
    limits.push(percentOf(budget.maxFailurePct, waveSize, 'floor'));
  }
  if (budget.stopOnError === true) limits.push(0);
  return Math.min(Number.POSITIVE_INFINITY, ...limits);
}

/** Whether `failures` in a wave of `waveSize` devices exceed what the budget tolerates. */
export function isBudgetTripped(
  budget: FailureBudget,
  waveSize: number,
  failures: number,
): boolean {
  return failures > toleratedFailures(budget, waveSize);
}

/** Every problem with a budget: counts must be integers ≥ 0, percentages within [0, 100]. */
export function validateFailureBudget(budget: FailureBudget): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const { maxFailures, maxFailurePct } = budget;
  if (maxFailures !== undefined && !(Number.isSafeInteger(maxFailures) && maxFailures >= 0)) {
    issues.push({
      field: 'maxFailures',
      message: `must be a whole number ≥ 0, got ${String(maxFailures)}`,
    });
  }
  if (
    maxFailurePct !== undefined &&
    !(Number.isFinite(maxFailurePct) && maxFailurePct >= 0 && maxFailurePct <= 100)
  ) {
    issues.push({
      field: 'maxFailurePct',
      message: `must be a percentage in [0, 100], got ${String(maxFailurePct)}`,
    });
  }
  return issues;
}
