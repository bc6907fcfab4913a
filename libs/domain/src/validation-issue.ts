/**
 * One problem found while validating an input, naming the field it concerns so that an API
 * or a CLI can point at it. Validators return every problem at once, not just the first, so
 * an operator fixes a job spec in one round trip.
 */
export interface ValidationIssue {
  /** Path of the offending field, e.g. `strategy.waves[2]` or `budget.maxFailurePct`. */
  readonly field: string;
  /** What is wrong and what is allowed, for a human. */
  readonly message: string;
}

/** Prefixes every issue's field with `prefix.` (for validators reused inside a larger input). */
export function prefixIssues(
  prefix: string,
  issues: readonly ValidationIssue[],
): ValidationIssue[] {
  return issues.map((issue) => ({ field: `${prefix}.${issue.field}`, message: issue.message }));
}
