import { applyRunDecision, decideRun, type RunDecision } from './run-decision';
import { type RunPlan } from './run-plan';
import { initialRunSnapshot, type RunSnapshot } from './run-snapshot';
import { type RunStrategy } from './run-strategy';

// Canary 0, then waves [1, 2, 3] and [4, 5].
const plan: RunPlan = {
  canary: 0,
  waves: [
    [1, 2, 3],
    [4, 5],
  ],
};
const strategy: RunStrategy = { concurrency: 2, staggerMs: 0, budget: { maxFailures: 0 } };
const NOW = 1_000_000;

function snapshot(overrides: Partial<RunSnapshot> = {}): RunSnapshot {
  return { ...initialRunSnapshot({ pauseAfterCanary: false }), ...overrides };
}

/** A snapshot in wave `waveIndex` of `plan`, nothing started yet. */
function inWave(waveIndex: number, overrides: Partial<RunSnapshot> = {}): RunSnapshot {
  return snapshot({
    phase: 'waves',
    waveIndex,
    canaryOutcome: 'succeeded',
    notStartedInWave: plan.waves[waveIndex]?.length ?? 0,
    ...overrides,
  });
}

const decide = (s: RunSnapshot, st: RunStrategy = strategy, now = NOW): RunDecision =>
  decideRun(plan, st, s, now);

describe('decideRun: the canary gate', () => {
  it('starts the canary alone, whatever the concurrency', () => {
    expect(decide(snapshot(), { ...strategy, concurrency: 50 })).toEqual({
      kind: 'start',
      count: 1,
    });
    expect(decide(snapshot({ notStartedInWave: 0, inFlight: 1 }))).toEqual({ kind: 'idle' });
  });

  it('enters wave 0 once the canary succeeded', () => {
    const s = snapshot({ notStartedInWave: 0, canaryOutcome: 'succeeded' });
    expect(decide(s)).toEqual({ kind: 'advance_wave', waveIndex: 0, waveSize: 3 });
  });

  it('holds for approval after a successful canary when asked, entering wave 0 paused', () => {
    const s = snapshot({ notStartedInWave: 0, canaryOutcome: 'succeeded', pauseAfterCanary: true });
    const decision = decide(s);
    expect(decision).toEqual({ kind: 'hold_for_approval', waveIndex: 0, waveSize: 3 });
    const held = applyRunDecision(s, decision);
    expect(held).toMatchObject({ phase: 'waves', control: 'paused', awaitingApproval: true });
    expect(decide(held)).toEqual({ kind: 'idle' });
    expect(decide({ ...held, control: 'running' })).toEqual({ kind: 'start', count: 2 });
  });

  it.each(['failed', 'aborted', 'skipped'] as const)(
    'fails the run and skips everyone else when the canary ends %s',
    (outcome) => {
      const s = snapshot({ notStartedInWave: 0, canaryOutcome: outcome, pauseAfterCanary: true });
      expect(decide(s)).toEqual({ kind: 'finish', status: 'failed', skip: 'canary_failed' });
    },
  );

  it('finishes a canary-only run when the canary is done, paused or not', () => {
    const only: RunPlan = { canary: 0, waves: [] };
    const done = snapshot({ notStartedInWave: 0, canaryOutcome: 'succeeded', control: 'paused' });
    expect(decideRun(only, strategy, done, NOW)).toEqual({
      kind: 'finish',
      status: 'completed',
      skip: null,
    });
    expect(decideRun(only, strategy, { ...done, canaryOutcome: 'failed' }, NOW)).toEqual({
      kind: 'finish',
      status: 'failed',
      skip: null,
    });
  });

  it('does not start the canary while paused, and fails a paused run whose canary failed', () => {
    expect(decide(snapshot({ control: 'paused' }))).toEqual({ kind: 'idle' });
    const failed = snapshot({ control: 'paused', notStartedInWave: 0, canaryOutcome: 'failed' });
    expect(decide(failed)).toEqual({ kind: 'finish', status: 'failed', skip: 'canary_failed' });
  });

  it('cancels before the canary started, skipping every device', () => {
    expect(decide(snapshot({ control: 'cancelling' }))).toEqual({
      kind: 'finish',
      status: 'cancelled',
      skip: 'cancelled',
    });
  });

  it('waits for an in-flight canary to drain before it cancels', () => {
    const s = snapshot({ control: 'terminating', notStartedInWave: 0, inFlight: 1 });
    expect(decide(s)).toEqual({ kind: 'idle' });
    expect(decide({ ...s, inFlight: 0, canaryOutcome: 'aborted' })).toEqual({
      kind: 'finish',
      status: 'cancelled',
      skip: 'cancelled',
    });
  });
});

describe('decideRun: the window and the stagger gate', () => {
  it('fills the window but not past the wave', () => {
    expect(decide(inWave(0))).toEqual({ kind: 'start', count: 2 });
    expect(decide(inWave(0, { notStartedInWave: 2, inFlight: 1 }))).toEqual({
      kind: 'start',
      count: 1,
    });
    expect(decide(inWave(0, { notStartedInWave: 1, inFlight: 2 }))).toEqual({ kind: 'idle' });
    expect(decide(inWave(0), { ...strategy, concurrency: 10 })).toEqual({
      kind: 'start',
      count: 3,
    });
  });

  it('starts one device at a time, staggerMs apart', () => {
    const staggered = { ...strategy, staggerMs: 500 };
    const s = inWave(0, { lastStartAtMs: NOW - 200 });
    expect(decide(s, staggered)).toEqual({ kind: 'wait', untilMs: NOW + 300 });
    expect(decide(s, staggered, NOW + 299)).toEqual({ kind: 'wait', untilMs: NOW + 300 });
    expect(decide(s, staggered, NOW + 300)).toEqual({ kind: 'start', count: 1 });
    expect(decide({ ...s, lastStartAtMs: null }, staggered)).toEqual({ kind: 'start', count: 1 });
  });

  it('is idle rather than waiting on the stagger when the window is full', () => {
    const s = inWave(0, { notStartedInWave: 1, inFlight: 2, lastStartAtMs: NOW });
    expect(decide(s, { ...strategy, staggerMs: 500 })).toEqual({ kind: 'idle' });
  });

  it('starts nothing while paused, even with room in the window', () => {
    expect(decide(inWave(0, { control: 'paused' }))).toEqual({ kind: 'idle' });
  });
});

describe('decideRun: waves and budgets', () => {
  it('advances only when every device of the wave is terminal', () => {
    expect(decide(inWave(0, { notStartedInWave: 0, inFlight: 1 }))).toEqual({ kind: 'idle' });
    expect(decide(inWave(0, { notStartedInWave: 0 }))).toEqual({
      kind: 'advance_wave',
      waveIndex: 1,
      waveSize: 2,
    });
  });

  it('advances while paused (bookkeeping only) but then starts nothing', () => {
    const s = inWave(0, { notStartedInWave: 0, control: 'paused' });
    const next = applyRunDecision(s, decide(s));
    expect(next).toMatchObject({ waveIndex: 1, notStartedInWave: 2, control: 'paused' });
    expect(decide(next)).toEqual({ kind: 'idle' });
  });

  it('completes after the last wave, or fails when a device failed within budget', () => {
    const lenient = { ...strategy, budget: {} };
    const last = inWave(1, { notStartedInWave: 0 });
    expect(decide(last, lenient)).toEqual({ kind: 'finish', status: 'completed', skip: null });
    expect(decide({ ...last, failures: 1, waveFailures: 1 }, lenient)).toEqual({
      kind: 'finish',
      status: 'failed',
      skip: null,
    });
  });

  it('on a tripped budget starts nothing more, drains, then fails with the rest skipped', () => {
    const tripped = inWave(0, { notStartedInWave: 1, inFlight: 1, waveFailures: 1, failures: 1 });
    expect(decide(tripped)).toEqual({ kind: 'idle' });
    expect(decide({ ...tripped, inFlight: 0 })).toEqual({
      kind: 'finish',
      status: 'failed',
      skip: 'budget_exceeded',
    });
  });

  it('names no skip reason when a budget trips on the very last device', () => {
    const last = inWave(1, { notStartedInWave: 0, waveFailures: 1, failures: 1 });
    expect(decide(last)).toEqual({ kind: 'finish', status: 'failed', skip: null });
  });

  it('measures the budget against the current wave: 50 % of 3 tolerates 1, of 2 tolerates 1', () => {
    const half = { ...strategy, budget: { maxFailurePct: 50 } };
    expect(decide(inWave(0, { notStartedInWave: 1, waveFailures: 1 }), half).kind).toBe('start');
    expect(decide(inWave(0, { notStartedInWave: 1, waveFailures: 2 }), half).kind).toBe('finish');
    expect(decide(inWave(1, { notStartedInWave: 1, waveFailures: 1 }), half).kind).toBe('start');
  });

  it('finishes a paused run whose work is all terminal instead of sticking paused', () => {
    const s = inWave(1, { notStartedInWave: 0, control: 'paused' });
    expect(decide(s, { ...strategy, budget: {} })).toEqual({
      kind: 'finish',
      status: 'completed',
      skip: null,
    });
    expect(decide(inWave(0, { control: 'paused', waveFailures: 1, failures: 1 }))).toEqual({
      kind: 'finish',
      status: 'failed',
      skip: 'budget_exceeded',
    });
  });

  it('cancels rather than fails when a cancel meets a tripped budget', () => {
    const s = inWave(0, { control: 'cancelling', waveFailures: 3, failures: 3 });
    expect(decide(s)).toEqual({ kind: 'finish', status: 'cancelled', skip: 'cancelled' });
  });
});

describe('applyRunDecision', () => {
  it('enters a wave with a fresh budget and records a finish', () => {
    const s = inWave(0, { notStartedInWave: 0, waveFailures: 1, failures: 1 });
    expect(applyRunDecision(s, { kind: 'advance_wave', waveIndex: 1, waveSize: 2 })).toMatchObject({
      waveIndex: 1,
      notStartedInWave: 2,
      waveFailures: 0,
      failures: 1,
      control: 'running',
    });
    const finished = applyRunDecision(s, { kind: 'finish', status: 'failed', skip: 'cancelled' });
    expect(finished).toMatchObject({
      phase: 'finished',
      status: 'failed',
      skipReason: 'cancelled',
    });
    expect(decide(finished)).toEqual({ kind: 'done' });
  });

  it('changes nothing for start, wait and idle', () => {
    const s = inWave(0);
    for (const d of [
      { kind: 'start', count: 1 },
      { kind: 'wait', untilMs: 5 },
      { kind: 'idle' },
    ] as const) {
      expect(applyRunDecision(s, d)).toBe(s);
    }
  });
});
