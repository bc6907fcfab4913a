import { applyRunEvent, type RunEvent } from './run-event';
import { initialRunSnapshot, type RunSnapshot } from './run-snapshot';

function apply(s: RunSnapshot, ...events: RunEvent[]): RunSnapshot {
  return events.reduce((acc, event) => {
    const result = applyRunEvent(acc, event);
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  }, s);
}

const start = initialRunSnapshot({ pauseAfterCanary: false });
const wave: RunSnapshot = {
  ...start,
  phase: 'waves',
  canaryOutcome: 'succeeded',
  notStartedInWave: 4,
};

describe('applyRunEvent', () => {
  it('records starts: fewer not started, more in flight, the start time', () => {
    expect(
      apply(wave, { type: 'device_started', atMs: 10 }, { type: 'device_started', atMs: 12 }),
    ).toMatchObject({
      notStartedInWave: 2,
      inFlight: 2,
      lastStartAtMs: 12,
    });
  });

  it('records the canary outcome in the canary phase', () => {
    const s = apply(
      start,
      { type: 'device_started', atMs: 1 },
      { type: 'device_finished', outcome: 'failed' },
    );
    expect(s).toMatchObject({ inFlight: 0, canaryOutcome: 'failed', failures: 0, waveFailures: 0 });
  });

  it('counts failed and aborted devices against the wave, never skipped or succeeded ones', () => {
    const started = apply(wave, ...Array<RunEvent>(4).fill({ type: 'device_started', atMs: 1 }));
    const s = apply(
      started,
      { type: 'device_finished', outcome: 'failed' },
      { type: 'device_finished', outcome: 'aborted' },
      { type: 'device_finished', outcome: 'skipped' },
      { type: 'device_finished', outcome: 'succeeded' },
    );
    expect(s).toMatchObject({ inFlight: 0, waveFailures: 2, failures: 2 });
  });

  it('refuses a start with nothing left, a completion with nothing in flight', () => {
    const none = applyRunEvent(
      { ...wave, notStartedInWave: 0 },
      { type: 'device_started', atMs: 1 },
    );
    expect(none).toMatchObject({
      ok: false,
      error: { code: 'invalid_run_event', event: 'device_started' },
    });
    const idle = applyRunEvent(wave, { type: 'device_finished', outcome: 'succeeded' });
    expect(idle).toMatchObject({ ok: false, error: { event: 'device_finished' } });
  });

  it('refuses every event once the run finished', () => {
    const done: RunSnapshot = { ...wave, phase: 'finished', status: 'completed', inFlight: 1 };
    for (const event of [
      { type: 'device_started', atMs: 1 },
      { type: 'device_finished', outcome: 'succeeded' },
      { type: 'control_changed', control: 'paused' },
    ] as const) {
      expect(applyRunEvent(done, event).ok).toBe(false);
    }
  });

  it('pauses, resumes, cancels and escalates a cancel to a terminate', () => {
    const paused = apply(wave, { type: 'control_changed', control: 'paused' });
    expect(paused.control).toBe('paused');
    expect(apply(paused, { type: 'control_changed', control: 'running' }).control).toBe('running');
    const cancelling = apply(paused, { type: 'control_changed', control: 'cancelling' });
    expect(apply(cancelling, { type: 'control_changed', control: 'terminating' }).control).toBe(
      'terminating',
    );
  });

  it('never undoes a cancel, and takes a repeated command as a no-op', () => {
    const cancelling = apply(wave, { type: 'control_changed', control: 'cancelling' });
    for (const control of ['running', 'paused'] as const) {
      const result = applyRunEvent(cancelling, { type: 'control_changed', control });
      expect(result).toMatchObject({
        ok: false,
        error: { message: `cannot go from cancelling to ${control}` },
      });
    }
    expect(apply(cancelling, { type: 'control_changed', control: 'cancelling' })).toBe(cancelling);
  });

  it('clears the approval hold on resume, not on a further pause', () => {
    const held: RunSnapshot = { ...wave, control: 'paused', awaitingApproval: true };
    expect(apply(held, { type: 'control_changed', control: 'paused' }).awaitingApproval).toBe(true);
    expect(apply(held, { type: 'control_changed', control: 'running' }).awaitingApproval).toBe(
      false,
    );
    expect(apply(held, { type: 'control_changed', control: 'cancelling' }).awaitingApproval).toBe(
      false,
    );
  });
});
