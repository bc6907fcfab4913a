import { percentOf } from './percent-of';
import {
  type ParsedWaveSize,
  parseWaveSize,
  type RunStrategy,
  validateRunStrategy,
} from './run-strategy';
import { err, ok, type Result } from './result';
import { prefixIssues, type ValidationIssue } from './validation-issue';

/**
 * Which device runs when: the canary alone, then the waves. Devices are target indexes.
 * The canary is in no wave; every other target is in exactly one wave, in target order.
 */
export interface RunPlan {
  readonly canary: number;
  readonly waves: readonly (readonly number[])[];
}

/** What a run plan is made from. */
export interface RunPlanInput {
  /** Target device indexes in order, already de-duplicated by the caller. */
  readonly targets: readonly number[];
  /** The canary's index; default: the first target. Must be among the targets. */
  readonly canary?: number;
  readonly strategy: RunStrategy;
}

function targetIssues(input: RunPlanInput): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (input.targets.length === 0) issues.push({ field: 'targets', message: 'must not be empty' });
  const seen = new Set<number>();
  input.targets.forEach((target, i) => {
    if (!(Number.isSafeInteger(target) && target >= 0)) {
      issues.push({ field: `targets[${i}]`, message: `must be a device index ≥ 0, got ${target}` });
    } else if (seen.has(target)) {
      issues.push({ field: `targets[${i}]`, message: `device ${target} is listed twice` });
    }
    seen.add(target);
  });
  if (input.canary !== undefined && !seen.has(input.canary)) {
    issues.push({ field: 'canary', message: `device ${input.canary} is not among the targets` });
  }
  return issues;
}

function waveSizeOf(size: ParsedWaveSize, rest: number): number {
  if (size.kind === 'count') return size.count;
  // A percentage never rounds to an empty wave: that would stall the plan.
  return Math.max(1, percentOf(size.pct, rest, 'ceil'));
}

function splitIntoWaves(rest: readonly number[], sizes: readonly ParsedWaveSize[]): number[][] {
  const waves: number[][] = [];
  let from = 0;
  while (from < rest.length) {
    // The last entry repeats until every device is in a wave; no entries = one wave.
    const size = sizes[Math.min(waves.length, sizes.length - 1)];
    const length = size === undefined ? rest.length : waveSizeOf(size, rest.length);
    waves.push(rest.slice(from, from + length));
    from += length;
  }
  return waves;
}

/**
 * Validates the input and splits the targets into the canary and the waves (wave semantics:
 * see {@link RunStrategy}). Every problem is returned at once, each naming its field.
 */
export function planRun(input: RunPlanInput): Result<RunPlan, ValidationIssue[]> {
  const issues = [
    ...targetIssues(input),
    ...prefixIssues('strategy', validateRunStrategy(input.strategy)),
  ];
  const canary = input.canary ?? input.targets[0];
  if (issues.length > 0 || canary === undefined) return err(issues);
  const sizes = (input.strategy.waves ?? []).flatMap((size) => parseWaveSize(size) ?? []);
  const rest = input.targets.filter((target) => target !== canary);
  return ok({ canary, waves: splitIntoWaves(rest, sizes) });
}
