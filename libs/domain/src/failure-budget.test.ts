import fc from 'fast-check';
import {
  type FailureBudget,
  isBudgetTripped,
  toleratedFailures,
  UNLIMITED_FAILURE_BUDGET,
  validateFailureBudget,
} from './failure-budget';
import { countsAsFailure } from './device-outcome';

describe('toleratedFailures', () => {
  it.each<[string, FailureBudget, number, number]>([
    ['a count', { maxFailures: 3 }, 10, 3],
    ['a count larger than the wave', { maxFailures: 50 }, 10, 50],
    ['a zero count', { maxFailures: 0 }, 10, 0],
    ['a percentage, rounded down', { maxFailurePct: 25 }, 10, 2],
    ['a percentage of an exact multiple', { maxFailurePct: 30 }, 10, 3],
    ['a percentage that rounds to nothing on a small wave', { maxFailurePct: 10 }, 5, 0],
    ['0 %', { maxFailurePct: 0 }, 1_000, 0],
    ['100 %', { maxFailurePct: 100 }, 7, 7],
    ['a fractional percentage', { maxFailurePct: 12.5 }, 8, 1],
    ['stop on error', { stopOnError: true }, 100, 0],
    ['stop on error off', { stopOnError: false }, 100, Number.POSITIVE_INFINITY],
    ['count and pct: the count is stricter', { maxFailures: 1, maxFailurePct: 50 }, 10, 1],
    ['count and pct: the pct is stricter', { maxFailures: 9, maxFailurePct: 50 }, 10, 5],
    ['stop on error beats a budget', { maxFailures: 5, stopOnError: true }, 10, 0],
    ['nothing given', {}, 10, Number.POSITIVE_INFINITY],
  ])('%s', (_label, budget, waveSize, tolerated) => {
    expect(toleratedFailures(budget, waveSize)).toBe(tolerated);
  });
});

describe('isBudgetTripped', () => {
  it('trips only when failures become strictly greater than tolerated', () => {
    const budget = { maxFailures: 2 };
    expect(isBudgetTripped(budget, 10, 0)).toBe(false);
    expect(isBudgetTripped(budget, 10, 2)).toBe(false);
    expect(isBudgetTripped(budget, 10, 3)).toBe(true);
  });

  it('trips at the first failure with stopOnError, 0, or 0 %', () => {
    for (const budget of [{ stopOnError: true }, { maxFailures: 0 }, { maxFailurePct: 0 }]) {
      expect([isBudgetTripped(budget, 50, 0), isBudgetTripped(budget, 50, 1)]).toEqual([
        false,
        true,
      ]);
    }
  });

  it('never trips at 100 %, even when the whole wave fails (Ansible #82267)', () => {
    expect(isBudgetTripped({ maxFailurePct: 100 }, 1, 1)).toBe(false);
    expect(isBudgetTripped({ maxFailurePct: 100 }, 40, 40)).toBe(false);
  });

  it('trips just past the percentage: 30 % of 10 tolerates 3, not 4', () => {
    expect(isBudgetTripped({ maxFailurePct: 30 }, 10, 3)).toBe(false);
    expect(isBudgetTripped({ maxFailurePct: 30 }, 10, 4)).toBe(true);
  });

  it('never trips without a budget', () => {
    expect(isBudgetTripped(UNLIMITED_FAILURE_BUDGET, 3, 3)).toBe(false);
  });

  it('trips exactly when the failure share exceeds the percentage', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 1, max: 5_000 }),
        fc.nat(5_000),
        (pct, waveSize, rawFailures) => {
          const failures = rawFailures % (waveSize + 1);
          // Integer cross-multiplication: failures / waveSize > pct / 100.
          const exceeds = failures * 100 > pct * waveSize;
          expect(isBudgetTripped({ maxFailurePct: pct }, waveSize, failures)).toBe(exceeds);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('what counts as a failure', () => {
  it('counts failed and aborted, never skipped or succeeded', () => {
    expect(countsAsFailure('failed')).toBe(true);
    expect(countsAsFailure('aborted')).toBe(true);
    expect(countsAsFailure('skipped')).toBe(false);
    expect(countsAsFailure('succeeded')).toBe(false);
  });
});

describe('validateFailureBudget', () => {
  it('accepts the boundaries', () => {
    expect(validateFailureBudget({ maxFailures: 0, maxFailurePct: 0 })).toEqual([]);
    expect(validateFailureBudget({ maxFailurePct: 100, stopOnError: true })).toEqual([]);
    expect(validateFailureBudget({})).toEqual([]);
  });

  it('names every bad field', () => {
    expect(validateFailureBudget({ maxFailures: -1, maxFailurePct: 100.5 })).toEqual([
      { field: 'maxFailures', message: expect.stringContaining('-1') },
      { field: 'maxFailurePct', message: expect.stringContaining('100.5') },
    ]);
    expect(validateFailureBudget({ maxFailures: 1.5, maxFailurePct: Number.NaN })).toHaveLength(2);
    expect(validateFailureBudget({ maxFailurePct: -0.1 })).toHaveLength(1);
  });
});
