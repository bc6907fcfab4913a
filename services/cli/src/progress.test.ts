import type { FleetEvent } from '@fleetpush/contracts';
import { formatDuration, ProgressTracker, renderProgress } from './progress';

const at = '2026-01-01T00:00:00.000Z';
const START = '2026-12-08T02:00:00.000Z';
let seq = 0;
function ev(event: Record<string, unknown>): FleetEvent {
  seq += 1;
  return { jobId: 'j1', seq, at, ...event } as FleetEvent;
}

describe('ProgressTracker', () => {
  it('counts done, failed and in-flight devices, the canary verdict and an ETA', () => {
    let now = 0;
    const tracker = new ProgressTracker('j1', () => now);
    tracker.apply(ev({ type: 'job:created', name: 'n', targets: 4 }));
    tracker.apply(ev({ type: 'job:status', from: 'queued', to: 'running' }));
    tracker.apply(
      ev({ type: 'device:status', deviceKey: 'a:22', state: 'connecting', attempt: 1 }),
    );
    expect(tracker.snapshot()).toMatchObject({ total: 4, done: 0, inFlight: 1, etaMs: undefined });
    now = 1_000;
    tracker.apply(
      ev({ type: 'device:result', deviceKey: 'a:22', state: 'succeeded', attempts: 1 }),
    );
    tracker.apply(
      ev({ type: 'job:canary', deviceKey: 'a:22', verdict: 'passed', awaitingApproval: false }),
    );
    tracker.apply(ev({ type: 'device:status', deviceKey: 'b:22', state: 'applying', attempt: 1 }));
    tracker.apply(ev({ type: 'device:status', deviceKey: 'c:22', state: 'pre_check', attempt: 1 }));
    now = 2_000;
    tracker.apply(
      ev({
        type: 'device:result',
        deviceKey: 'b:22',
        state: 'failed',
        attempts: 1,
        code: 'command_error',
      }),
    );
    const snap = tracker.snapshot();
    expect(snap).toMatchObject({ done: 2, failed: 1, inFlight: 1, status: 'running' });
    expect(snap.canary).toEqual({ key: 'a:22', verdict: 'passed' });
    // 2 devices in 2 s since the first start: 2 left ≈ 2 s.
    expect(snap.etaMs).toBe(2_000);
    expect(renderProgress(snap)).toBe(
      '[##########..........] 2/4 done · 1 failed · 1 in flight · ETA 0:02 · canary a:22 passed · running',
    );
  });

  it('never counts a device twice, nor moves it back from a final state', () => {
    const tracker = new ProgressTracker('j1');
    tracker.seed({ targets: 2, status: 'running', canary: 'a:22' });
    tracker.apply(ev({ type: 'device:status', deviceKey: 'a:22', state: 'succeeded', attempt: 1 }));
    tracker.apply(
      ev({ type: 'device:result', deviceKey: 'a:22', state: 'succeeded', attempts: 1 }),
    );
    tracker.apply(ev({ type: 'device:status', deviceKey: 'a:22', state: 'applying', attempt: 2 }));
    expect(tracker.snapshot()).toMatchObject({ done: 1, inFlight: 0 });
    expect(tracker.snapshot().canary).toEqual({ key: 'a:22', verdict: 'pending' });
  });

  it('does not show the status going back while a watch replays the history it was seeded past', () => {
    const tracker = new ProgressTracker('j1');
    tracker.seed({ targets: 2, status: 'running', canary: 'a:22' });
    const seen: string[] = [];
    for (const event of [
      ev({ type: 'job:created', name: 'n', targets: 2 }),
      ev({ type: 'job:status', from: null, to: 'queued' }),
      ev({ type: 'job:status', from: 'queued', to: 'running' }),
      ev({ type: 'job:status', from: 'running', to: 'paused', actor: 'ops' }),
      ev({ type: 'job:status', from: 'paused', to: 'running', actor: 'ops' }),
      ev({ type: 'job:status', from: 'running', to: 'completed' }),
    ]) {
      tracker.apply(event);
      seen.push(tracker.snapshot().status);
    }
    expect(seen).toEqual(['running', 'running', 'running', 'paused', 'running', 'completed']);
  });

  it('says a scheduled job waits for its start time while queued, and stops saying so once it runs', () => {
    const tracker = new ProgressTracker('j1');
    tracker.seed({ targets: 2, status: 'queued', canary: 'a:22', start_at: START });
    tracker.apply(ev({ type: 'job:created', name: 'n', targets: 2 }));
    expect(renderProgress(tracker.snapshot())).toBe(
      '[....................] 0/2 done · 0 failed · 0 in flight · ETA --:-- · canary a:22 pending · queued: waits for its start time, 2026-12-08T02:00:00.000Z',
    );
    tracker.apply(ev({ type: 'job:status', from: 'queued', to: 'running', actor: 'schedule' }));
    expect(renderProgress(tracker.snapshot())).toMatch(/ · canary a:22 pending · running$/);
  });

  it('says a queued job awaits approval (then its start time), until it runs', () => {
    const held = new ProgressTracker('j1');
    held.seed({ targets: 2, status: 'queued', canary: 'a:22', approval: 'pending' });
    held.apply(ev({ type: 'job:created', name: 'n', targets: 2 }));
    held.apply(ev({ type: 'job:status', from: null, to: 'queued' }));
    expect(renderProgress(held.snapshot())).toBe(
      '[....................] 0/2 done · 0 failed · 0 in flight · ETA --:-- · canary a:22 pending · queued: awaits approval',
    );
    held.apply(ev({ type: 'job:status', from: 'queued', to: 'running', actor: 'bob' }));
    expect(renderProgress(held.snapshot())).toMatch(/ · canary a:22 pending · running$/);

    const scheduled = new ProgressTracker('j2');
    scheduled.seed({ targets: 2, status: 'queued', start_at: START, approval: 'pending' });
    expect(renderProgress(scheduled.snapshot())).toMatch(
      / · ETA --:-- · queued: awaits approval, then its start time, 2026-12-08T02:00:00.000Z$/,
    );
    // approved while its window is still ahead: it waits for its time, no longer for a person
    scheduled.apply(ev({ type: 'job:approved', approvedBy: 'bob' }));
    expect(renderProgress(scheduled.snapshot())).toMatch(
      / · queued: waits for its start time, 2026-12-08T02:00:00.000Z$/,
    );
    const approved = new ProgressTracker('j3');
    approved.seed({ targets: 2, status: 'queued', start_at: START, approval: 'approved' });
    expect(renderProgress(approved.snapshot())).toMatch(
      / · queued: waits for its start time, 2026-12-08T02:00:00.000Z$/,
    );
  });

  it('says how many devices the group limits hold back while the job runs, from its run', () => {
    const tracker = new ProgressTracker('j1');
    tracker.seed({ targets: 14, status: 'running', run: { held_by_limits: 12 } });
    tracker.apply(ev({ type: 'device:status', deviceKey: 'b:22', state: 'applying', attempt: 1 }));
    expect(renderProgress(tracker.snapshot())).toBe(
      '[....................] 0/14 done · 0 failed · 1 in flight · 12 held by limits · ETA --:-- · running',
    );
    tracker.limitHold(1);
    expect(renderProgress(tracker.snapshot())).toContain(' · 1 in flight · 1 held by limits · ');
    // none held, or an API older than held_by_limits: nothing said
    for (const held of [0, undefined]) {
      tracker.limitHold(held);
      expect(renderProgress(tracker.snapshot())).not.toContain('held by limits');
    }
  });

  it('stops saying devices are held once the job ends (a count read before it ended)', () => {
    const tracker = new ProgressTracker('j1');
    tracker.seed({ targets: 4, status: 'running', run: { held_by_limits: 2 } });
    expect(tracker.snapshot().heldByLimits).toBe(2);
    tracker.apply(ev({ type: 'job:finished', status: 'cancelled', counts: {}, durationMs: 5 }));
    expect(tracker.snapshot().heldByLimits).toBe(0);
    expect(renderProgress(tracker.snapshot())).not.toContain('held by limits');
  });

  it('takes the final status from job:finished', () => {
    const tracker = new ProgressTracker('j1');
    tracker.apply(ev({ type: 'job:finished', status: 'cancelled', counts: {}, durationMs: 5 }));
    expect(tracker.snapshot().status).toBe('cancelled');
  });

  it('formats durations as m:ss or h:mm:ss', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(61_000)).toBe('1:01');
    expect(formatDuration(3_726_000)).toBe('1:02:06');
  });
});
