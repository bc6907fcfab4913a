/**
 * Property tests of the scheduler as a whole: random plans, random outcomes and completion
 * orders, random pauses, cancels and terminates, random clocks, driven through `decideRun`,
 * `applyRunDecision` and `applyRunEvent` by the simulation in `__fixtures__/simulate-run.ts`.
 */
import fc from 'fast-check';
import { simulateRun, type SimulationSetup, summarizedStatus } from './__fixtures__/simulate-run';
import { planRun } from './run-plan';
import { type RunStrategy, type WaveSize } from './run-strategy';

const RUNS = 300;

const waveSize: fc.Arbitrary<WaveSize> = fc.oneof(
  fc.integer({ min: 1, max: 6 }),
  fc.integer({ min: 1, max: 100 }).map((pct) => `${pct}%` as const),
);

const strategy: fc.Arbitrary<RunStrategy> = fc.record({
  waves: fc.option(fc.array(waveSize, { maxLength: 4 }), { nil: undefined }),
  concurrency: fc.integer({ min: 1, max: 6 }),
  staggerMs: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 200 })),
  budget: fc.record(
    {
      maxFailures: fc.integer({ min: 0, max: 3 }),
      maxFailurePct: fc.integer({ min: 0, max: 100 }),
      stopOnError: fc.boolean(),
    },
    { requiredKeys: [] },
  ),
});

const setup: fc.Arbitrary<SimulationSetup> = fc
  .record({
    n: fc.integer({ min: 1, max: 25 }),
    canaryPick: fc.nat(),
    strategy,
    pauseAfterCanary: fc.boolean(),
    seed: fc.integer(),
    failurePct: fc.integer({ min: 0, max: 60 }),
    chaosPct: fc.integer({ min: 0, max: 15 }),
    allowCancel: fc.boolean(),
  })
  .map(({ n, canaryPick, strategy, failurePct, chaosPct, ...rest }) => {
    const targets = Array.from({ length: n }, (_, i) => i);
    const planned = planRun({ targets, canary: canaryPick % n, strategy });
    if (!planned.ok) throw new Error(JSON.stringify(planned.error));
    return {
      ...rest,
      plan: planned.value,
      strategy,
      failureRate: failurePct / 100,
      chaos: chaosPct / 100,
    };
  });

describe('the scheduler, over whole random runs', () => {
  it('never has more than `concurrency` devices in flight, and runs the canary alone', () => {
    fc.assert(
      fc.property(setup, (s) => {
        const { starts } = simulateRun(s);
        for (const start of starts) {
          expect(start.inFlightAfter).toBeLessThanOrEqual(s.strategy.concurrency);
          if (start.isCanary) expect(start.inFlightAfter).toBe(1);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('never starts two devices closer than `staggerMs`', () => {
    fc.assert(
      fc.property(setup, (s) => {
        const { starts } = simulateRun(s);
        starts.slice(1).forEach((start, i) => {
          const gap = start.atMs - (starts[i]?.atMs ?? 0);
          expect(gap).toBeGreaterThanOrEqual(s.strategy.staggerMs);
        });
      }),
      { numRuns: RUNS },
    );
  });

  it('never starts a device after the canary failed, past a tripped budget, while paused or cancelled, or before earlier waves ended', () => {
    fc.assert(
      fc.property(setup, (s) => {
        const { starts } = simulateRun(s);
        for (const start of starts) {
          expect(start.control).toBe('running');
          expect(start.earlierWavesTerminal).toBe(true);
          if (start.isCanary) continue;
          expect(start.canaryState).toBe('succeeded');
          expect(start.waveFailures).toBeLessThanOrEqual(start.tolerated);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('ends every device in exactly one terminal state, consistent with the run status', () => {
    fc.assert(
      fc.property(setup, (s) => {
        const result = simulateRun(s);
        expect(result.devices.size).toBe(s.plan.waves.flat().length + 1);
        for (const device of result.devices.values()) {
          expect(['succeeded', 'failed', 'skipped', 'aborted']).toContain(device.state);
          expect(device.endings).toBe(1);
          if (device.skipReason !== null) expect(device.state).toBe('skipped');
        }
        expect(result.snapshot.status).toBe(result.finish?.status);
        expect(summarizedStatus(result, s.plan.canary)).toBe(result.finish?.status);
      }),
      { numRuns: RUNS },
    );
  });

  it('finishes every run, never stuck with nothing in flight', () => {
    fc.assert(
      fc.property(setup, (s) => {
        const result = simulateRun(s);
        expect(result.problems).toEqual([]);
        expect(result.snapshot.phase).toBe('finished');
        expect(result.finish).not.toBeNull();
      }),
      { numRuns: RUNS },
    );
  });
});
