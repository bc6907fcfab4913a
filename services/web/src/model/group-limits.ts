import type { GroupLimit } from '@fleetpush/contracts';

/** What a group limit groups devices by: a tag, or the value of a variable. */
export type LimitKind = 'tag' | 'per';

/** One rule of the New job form's Group limits, as typed. */
export interface LimitRow {
  readonly kind: LimitKind;
  /** The tag (`core`) or the variable (`site`); blank = the row is not a rule yet. */
  readonly name: string;
  /** At most how many devices of one group at once, as typed in its number input. */
  readonly concurrency: string;
}

/** The New job form's group limits (`strategy.limits`), in the order the operator gave them. */
export interface GroupLimitFields {
  readonly limits: readonly LimitRow[];
}

/** The most rules a job takes (`strategy.limits`). */
export const MAX_LIMITS = 20;

/** A new rule: a tag, one device at a time. */
export function newLimitRow(): LimitRow {
  return { kind: 'tag', name: '', concurrency: '1' };
}

/** A typed cap as a whole number of 1 or more; `undefined` for anything else (blank, 0, 1.5). */
export function concurrencyOf(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return undefined;
  const n = Number(trimmed);
  return n >= 1 ? n : undefined;
}

/**
 * The rows as `strategy.limits`: rows without a name are dropped (left blank, nothing to limit),
 * rows whose cap is not a whole number ≥ 1 are reported by their number (1-based) and left out.
 * The server validates the names (a tag, an identifier) again.
 */
export function parseLimits(rows: readonly LimitRow[]): {
  limits: GroupLimit[];
  problems: string[];
} {
  const limits: GroupLimit[] = [];
  const problems: string[] = [];
  rows.forEach((row, i) => {
    const name = row.name.trim();
    if (name === '') return;
    const concurrency = concurrencyOf(row.concurrency);
    if (concurrency === undefined)
      problems.push(`group limit ${i + 1}: "at most" must be a whole number of 1 or more`);
    else limits.push(row.kind === 'tag' ? { tag: name, concurrency } : { per: name, concurrency });
  });
  return { limits, problems };
}

/** The submission's `strategy.limits`, or `undefined` when the form gives no rule. */
export function limitsOf(fields: GroupLimitFields): GroupLimit[] | undefined {
  const { limits } = parseLimits(fields.limits);
  return limits.length > 0 ? limits : undefined;
}
