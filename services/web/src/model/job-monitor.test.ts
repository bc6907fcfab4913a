import type { FleetEvent } from '@fleetpush/contracts';
import { applyEvents, countStates, initialMonitor, LOG_TAIL_LINES } from './job-monitor';

const at = '2026-11-26T10:00:00.000Z';
const base = { jobId: 'j1', at };

function start() {
  return initialMonitor('queued', 'a:22', [
    { key: 'a:22', state: 'pending' },
    { key: 'b:22', state: 'pending' },
    { key: 'c:22', state: 'pending' },
  ]);
}

describe('applyEvents', () => {
  it('follows the job and its devices, and counts them by state', () => {
    const events: FleetEvent[] = [
      { ...base, seq: 1, type: 'job:status', from: 'queued', to: 'running' },
      { ...base, seq: 2, type: 'device:status', deviceKey: 'a:22', state: 'applying', attempt: 1 },
      {
        ...base,
        seq: 3,
        type: 'device:result',
        deviceKey: 'a:22',
        state: 'succeeded',
        attempts: 1,
        diffHash: 'h',
      },
      {
        ...base,
        seq: 4,
        type: 'job:canary',
        deviceKey: 'a:22',
        verdict: 'passed',
        awaitingApproval: false,
      },
      {
        ...base,
        seq: 5,
        type: 'device:result',
        deviceKey: 'b:22',
        state: 'failed',
        attempts: 2,
        code: 'auth_failed',
        message: 'denied',
      },
    ];
    const m = applyEvents(start(), events);
    expect(m.status).toBe('running');
    expect(m.canary).toEqual({ key: 'a:22', verdict: 'passed', awaitingApproval: false });
    expect(m.devices.get('b:22')).toMatchObject({ state: 'failed', code: 'auth_failed' });
    expect(countStates(m)).toMatchObject({
      succeeded: 1,
      failed: 1,
      pending: 1,
      done: 2,
      total: 3,
    });
    expect(m.fanoutSince).toBe(Date.parse(at));
    expect(m.doneAtFanout).toBe(2);
    // the key is the line's own column: the text does not repeat it
    expect(m.log.slice(1).map((l) => [l.deviceKey, l.text])).toEqual([
      ['a:22', 'succeeded'],
      ['a:22', 'canary passed'],
      ['b:22', 'failed (auth_failed): denied'],
    ]);
    const skipped = applyEvents(m, [
      {
        ...base,
        seq: 6,
        type: 'device:result',
        deviceKey: 'c:22',
        state: 'skipped',
        attempts: 0,
        skipReason: 'budget_exceeded',
      },
    ]);
    expect(skipped.log.at(-1)?.text).toBe('skipped (budget_exceeded)');
  });

  it('ignores events it has already applied (a replay overlapping the live stream)', () => {
    const once = applyEvents(start(), [
      { ...base, seq: 1, type: 'log', level: 'info', lines: ['x'] },
    ]);
    const again = applyEvents(once, [
      { ...base, seq: 1, type: 'log', level: 'info', lines: ['x'] },
    ]);
    expect(again).toBe(once);
    expect(again.log).toHaveLength(1);
  });

  it('keeps only the last lines of the log tail', () => {
    const lines = Array.from({ length: LOG_TAIL_LINES + 10 }, (_, i) => `line ${i}`);
    const m = applyEvents(start(), [{ ...base, seq: 1, type: 'log', level: 'info', lines }]);
    expect(m.log).toHaveLength(LOG_TAIL_LINES);
    expect(m.log.at(-1)?.text).toBe(`line ${LOG_TAIL_LINES + 9}`);
  });

  it("logs a second person's approval, leaving the status to the job's own events", () => {
    const m = applyEvents(start(), [{ ...base, seq: 1, type: 'job:approved', approvedBy: 'bob' }]);
    expect(m.status).toBe('queued');
    expect(m.log.at(-1)?.text).toBe('approved by bob');
  });

  it('ends with the finished status and its reason', () => {
    const m = applyEvents(start(), [
      {
        ...base,
        seq: 1,
        type: 'job:finished',
        status: 'failed',
        counts: {},
        durationMs: 10,
        reason: 'canary_failed',
      },
    ]);
    expect(m).toMatchObject({ status: 'failed', reason: 'canary_failed' });
    expect(m.log.at(-1)?.text).toBe(
      'job failed in 10 ms: the canary failed, so no other device was started',
    );
  });
});
