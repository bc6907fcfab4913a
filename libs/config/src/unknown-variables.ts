import { CONFIG_VARIABLES } from './config-variables';
import { type Env } from './env-variable';

/** A `FLEETPUSH_*` variable that fleetpush does not read: most likely a typo. */
export interface UnknownVariable {
  readonly name: string;
  /** The known variable it most resembles, when one is close. */
  readonly suggestion?: string;
}

/** Edits beyond which a name is not a typo of another. */
const MAX_TYPO_DISTANCE = 3;

/**
 * Lists `FLEETPUSH_*` variables in `env` that no service reads, with a likely intended name.
 * Services log these as warnings at start-up: a misspelt variable would otherwise be ignored
 * silently and its default used. Only names are looked at, never values.
 */
export function findUnknownVariables(env: Env): readonly UnknownVariable[] {
  const known = CONFIG_VARIABLES.map((v) => v.name);
  return Object.keys(env)
    .filter((name) => name.startsWith('FLEETPUSH_') && !known.includes(name))
    .sort()
    .map((name) => {
      const best = closest(name, known);
      return best === undefined ? { name } : { name, suggestion: best };
    });
}

function closest(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = MAX_TYPO_DISTANCE + 1;
  for (const candidate of candidates) {
    const d = editDistance(name, candidate);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

/** Levenshtein distance, two rows. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
