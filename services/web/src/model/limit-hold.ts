import { groupLimitSchema, limitCapText, limitRule, type GroupLimit } from '@fleetpush/contracts';

/** Job states in which group limits may hold devices back: the monitor re-reads the run then. */
const HOLDING_STATES: ReadonlySet<string> = new Set(['running', 'paused']);

/** What {@link limitHoldText} reads of a job: its live status, submission and run. */
export interface LimitHoldJob {
  /** The status as the page knows it now (live on the monitor). */
  readonly status: string;
  /** The stored submission (`GET /jobs/{id}` `spec`). */
  readonly spec: unknown;
  /** `held_by_limits` is absent from APIs older than 2026-12-08. */
  readonly run: { readonly held_by_limits?: number | undefined };
}

/**
 * A stored submission's group limits (`strategy.limits`), in the job's order; none for a job
 * without them, and a rule it cannot read is left out.
 */
export function jobLimits(spec: unknown): GroupLimit[] {
  const limits = (spec as { strategy?: { limits?: unknown } } | null)?.strategy?.limits;
  if (!Array.isArray(limits)) return [];
  return limits.flatMap((limit) => {
    const parsed = groupLimitSchema.safeParse(limit);
    return parsed.success ? [parsed.data] : [];
  });
}

/**
 * Whether the monitor should re-read the job's run to learn what its group limits hold back: the
 * job has limits and runs (or is paused). A job without limits, or one that ended, is not polled.
 */
export function followsLimitHold(job: Omit<LimitHoldJob, 'run'>): boolean {
  return HOLDING_STATES.has(job.status) && jobLimits(job.spec).length > 0;
}

/**
 * Why fewer devices are in flight than the window allows, in words: "12 devices wait for their
 * group limits — per site: at most 1 at a time; tag core: at most 1 at a time" ("1 device waits
 * for its group limits — …"). Null when no device is held back, when the job is not running or
 * paused, and when the API is older than `held_by_limits`.
 */
export function limitHoldText(job: LimitHoldJob): string | null {
  const held = job.run.held_by_limits ?? 0;
  if (held <= 0 || !HOLDING_STATES.has(job.status)) return null;
  const waiting =
    held === 1
      ? '1 device waits for its group limits'
      : `${held} devices wait for their group limits`;
  const rules = jobLimits(job.spec).map((l) => limitCapText(limitRule(l), l.concurrency));
  return rules.length > 0 ? `${waiting} — ${rules.join('; ')}` : waiting;
}
