import fc from 'fast-check';
import { planRun, type RunPlan, type RunPlanInput } from './run-plan';
import { type RunStrategy, type WaveSize } from './run-strategy';

const strategy = (waves?: WaveSize[]): RunStrategy => ({
  waves,
  concurrency: 5,
  staggerMs: 0,
  budget: {},
});

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

function plan(input: RunPlanInput): RunPlan {
  const result = planRun(input);
  if (!result.ok) throw new Error(`unexpected issues: ${JSON.stringify(result.error)}`);
  return result.value;
}

const sizes = (p: RunPlan): number[] => p.waves.map((w) => w.length);

describe('planRun', () => {
  it('runs [1, "10%", "100%"] on 1,001 targets as canary, then 1, 100 and the remaining 899', () => {
    const p = plan({ targets: range(1_001), strategy: strategy([1, '10%', '100%']) });
    expect(p.canary).toBe(0);
    expect(sizes(p)).toEqual([1, 100, 899]);
    expect(p.waves[0]).toEqual([1]);
    expect(p.waves[1]?.[0]).toBe(2);
  });

  it('puts every non-canary device in one wave when no sizes are given', () => {
    expect(plan({ targets: range(6), strategy: strategy() }).waves).toEqual([[1, 2, 3, 4, 5]]);
    expect(plan({ targets: range(6), strategy: strategy([]) }).waves).toEqual([[1, 2, 3, 4, 5]]);
  });

  it('repeats the last size until every device is in a wave', () => {
    expect(sizes(plan({ targets: range(11), strategy: strategy([1, 3]) }))).toEqual([1, 3, 3, 3]);
    expect(sizes(plan({ targets: range(11), strategy: strategy(['25%']) }))).toEqual([3, 3, 3, 1]);
  });

  it('rounds percentages up, and never down to an empty wave', () => {
    expect(sizes(plan({ targets: range(11), strategy: strategy(['1%']) }))).toEqual(
      Array(10).fill(1),
    );
    expect(sizes(plan({ targets: range(1_001), strategy: strategy(['0.5%', '100%']) }))).toEqual([
      5, 995,
    ]);
    // 7 % of 100 is 7, not the 8 that 0.07 * 100 = 7.000000000000001 would round up to.
    expect(sizes(plan({ targets: range(101), strategy: strategy(['7%', '100%']) }))).toEqual([
      7, 93,
    ]);
  });

  it('takes percentages of all non-canary devices, not of those left', () => {
    expect(sizes(plan({ targets: range(101), strategy: strategy(['50%', '30%']) }))).toEqual([
      50, 30, 20,
    ]);
  });

  it('takes the chosen canary out of the waves and keeps target order', () => {
    const p = plan({ targets: [7, 3, 9, 1], canary: 9, strategy: strategy([2]) });
    expect(p).toEqual({ canary: 9, waves: [[7, 3], [1]] });
  });

  it('plans a canary-only run when there is a single target', () => {
    expect(plan({ targets: [4], strategy: strategy([1, '10%']) })).toEqual({
      canary: 4,
      waves: [],
    });
  });

  it('returns every problem at once, each naming its field', () => {
    const result = planRun({
      targets: [0, 1, 1, -2],
      canary: 5,
      strategy: {
        waves: [0, '0%', '101%', 'ten%' as WaveSize, 2.5, '10%'],
        concurrency: 0,
        staggerMs: -1,
        budget: { maxFailures: -1, maxFailurePct: 150 },
      },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.map((issue) => issue.field)).toEqual([
      'targets[2]',
      'targets[3]',
      'canary',
      'strategy.waves[0]',
      'strategy.waves[1]',
      'strategy.waves[2]',
      'strategy.waves[3]',
      'strategy.waves[4]',
      'strategy.concurrency',
      'strategy.staggerMs',
      'strategy.budget.maxFailures',
      'strategy.budget.maxFailurePct',
    ]);
  });

  it('refuses an empty target list and a fractional concurrency', () => {
    const result = planRun({ targets: [], strategy: { ...strategy(), concurrency: 1.5 } });
    expect(result.ok ? [] : result.error.map((i) => i.field)).toEqual([
      'targets',
      'strategy.concurrency',
    ]);
  });

  const waveSize = fc.oneof(
    fc.integer({ min: 1, max: 30 }),
    fc.integer({ min: 1, max: 10_000 }).map((h) => `${h / 100}%` as WaveSize),
  );
  const planInput = fc
    .record({
      n: fc.integer({ min: 1, max: 300 }),
      canaryPick: fc.nat(),
      waves: fc.option(fc.array(waveSize, { maxLength: 6 }), { nil: undefined }),
      shuffle: fc.boolean(),
    })
    .map(({ n, canaryPick, waves, shuffle }) => {
      const targets = shuffle ? range(n).reverse() : range(n);
      return { targets, canary: targets[canaryPick % n], strategy: strategy(waves) };
    });

  it('puts every non-canary target in exactly one wave, in target order, and the canary in none', () => {
    fc.assert(
      fc.property(planInput, (input) => {
        const p = plan(input);
        expect(p.canary).toBe(input.canary);
        expect(p.waves.flat()).toEqual(input.targets.filter((t) => t !== input.canary));
        expect(p.waves.every((w) => w.length > 0)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('sizes every wave but the last as its entry says (the last entry repeating)', () => {
    fc.assert(
      fc.property(planInput, (input) => {
        const p = plan(input);
        const rest = input.targets.length - 1;
        const entries = input.strategy.waves ?? [];
        const expected = (i: number): number => {
          const entry = entries[Math.min(i, entries.length - 1)];
          if (entry === undefined) return rest;
          if (typeof entry === 'number') return entry;
          // Hundredths of a percent, in integers: ceil(h × rest / 10,000), at least 1.
          const hundredths = Math.round(Number(entry.slice(0, -1)) * 100);
          return Math.max(1, Math.ceil((hundredths * rest) / 10_000));
        };
        p.waves.forEach((wave, i) => {
          if (i < p.waves.length - 1) expect(wave.length).toBe(expected(i));
          else expect(wave.length).toBeLessThanOrEqual(expected(i));
        });
      }),
      { numRuns: 300 },
    );
  });
});
