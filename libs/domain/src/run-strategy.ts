import { type FailureBudget, validateFailureBudget } from './failure-budget';
import { prefixIssues, type ValidationIssue } from './validation-issue';

/**
 * One wave's size: an absolute device count, or a percentage (`"10%"`) of the non-canary
 * devices, rounded up and at least 1.
 */
export type WaveSize = number | `${number}%`;

/**
 * How a run fans out after its canary.
 *
 * `waves` works like Ansible's `serial`: each entry is the SIZE of the next wave (a count,
 * or a percentage of all non-canary devices, rounded up, at least 1); the last entry repeats
 * until every device is in a wave; no entries = one wave holding every non-canary device.
 * `[1, "10%", "100%"]` on 1,001 targets gives the canary, then waves of 1, 100 and the
 * remaining 899.
 */
export interface RunStrategy {
  /** Wave sizes, in order; absent or empty = one wave. */
  readonly waves?: readonly WaveSize[];
  /** Devices in flight at once within a wave (a sliding window, not batches); ≥ 1. */
  readonly concurrency: number;
  /** Minimum gap between two device starts, in ms; 0 = no gap. */
  readonly staggerMs: number;
  /** The failure budget of each wave. */
  readonly budget: FailureBudget;
}

/** A wave size: how wave entries are read once validated. */
export type ParsedWaveSize =
  | { readonly kind: 'count'; readonly count: number }
  | { readonly kind: 'percent'; readonly pct: number };

const PERCENT = /^(\d+(?:\.\d+)?)%$/;

/** Reads one wave entry; `undefined` when it is neither a positive count nor a pct in (0, 100]. */
export function parseWaveSize(size: WaveSize): ParsedWaveSize | undefined {
  if (typeof size === 'number') {
    return Number.isSafeInteger(size) && size > 0 ? { kind: 'count', count: size } : undefined;
  }
  const match = PERCENT.exec(size);
  const pct = Number(match?.[1]);
  return match && pct > 0 && pct <= 100 ? { kind: 'percent', pct } : undefined;
}

function waveIssues(waves: readonly WaveSize[]): ValidationIssue[] {
  return waves.flatMap((size, i) =>
    parseWaveSize(size) === undefined
      ? [
          {
            field: `waves[${i}]`,
            message: `must be a whole count > 0 or a percentage in (0%, 100%] like "10%", got ${JSON.stringify(size)}`,
          },
        ]
      : [],
  );
}

/** Every problem with a strategy, with field paths relative to the strategy. */
export function validateRunStrategy(strategy: RunStrategy): ValidationIssue[] {
  const issues = waveIssues(strategy.waves ?? []);
  if (!(Number.isSafeInteger(strategy.concurrency) && strategy.concurrency >= 1)) {
    issues.push({
      field: 'concurrency',
      message: `must be a whole number ≥ 1, got ${String(strategy.concurrency)}`,
    });
  }
  if (!(Number.isFinite(strategy.staggerMs) && strategy.staggerMs >= 0)) {
    issues.push({
      field: 'staggerMs',
      message: `must be a number of ms ≥ 0, got ${String(strategy.staggerMs)}`,
    });
  }
  issues.push(...prefixIssues('budget', validateFailureBudget(strategy.budget)));
  return issues;
}
