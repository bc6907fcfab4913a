import type { JobResultView } from '@fleetpush/contracts';
import { renderResult, summarizeResult } from './result-view';

const result: JobResultView = {
  job: {
    id: 'j1',
    name: 'ntp',
    status: 'failed',
    actor: 'admin',
    created_at: '',
    updated_at: '',
    targets: 3,
    canary: 'a:22',
  },
  devices: [
    {
      index: 0,
      key: 'a:22',
      state: 'failed',
      result: {
        state: 'failed',
        attempts: 1,
        code: 'command_error',
        message: 'rejected',
        diff: { status: 'not_computed', reason: 'no_post_check' },
      },
    },
    {
      index: 1,
      key: 'b:22',
      state: 'skipped',
      result: { state: 'skipped', attempts: 0, skipReason: 'canary_failed' },
    },
    { index: 2, key: 'c:22', state: 'pending', result: null },
  ],
};

describe('result view', () => {
  it('summarises status, counts and each device with its failure code', () => {
    expect(summarizeResult(result)).toEqual({
      id: 'j1',
      name: 'ntp',
      status: 'failed',
      counts: { failed: 1, skipped: 1, pending: 1 },
      devices: [
        { key: 'a:22', state: 'failed', code: 'command_error', message: 'rejected', attempts: 1 },
        { key: 'b:22', state: 'skipped', attempts: 0, skip_reason: 'canary_failed' },
        { key: 'c:22', state: 'pending' },
      ],
    });
  });

  it('renders a table, and the diffs only when asked', () => {
    const plain = renderResult(summarizeResult(result));
    expect(plain).toContain('job j1 (ntp): failed — 1 failed, 1 skipped, 1 pending');
    expect(plain).toMatch(/a:22 +failed +command_error +rejected/);
    expect(plain).toMatch(/b:22 +skipped +canary_failed +not started: the canary failed/);
    expect(plain).toMatch(/c:22 +pending\n/);
    expect(plain).not.toContain('no diff');
    expect(renderResult(summarizeResult(result, true))).toContain(
      '--- a:22\n(no diff: the device stopped before its post-check)',
    );
  });
});

describe('result view of a job with a change window', () => {
  const waiting: JobResultView = {
    job: {
      ...result.job,
      status: 'queued',
      start_at: '2026-12-08T02:00:00.000Z',
      end_at: '2026-12-08T04:00:00.000Z',
    },
    devices: [{ index: 0, key: 'a:22', state: 'pending', result: null }],
  };

  it('says when a queued job is scheduled to start and when its window closes, also in --json', () => {
    const summary = summarizeResult(waiting);
    expect(summary).toMatchObject({
      status: 'queued',
      start_at: '2026-12-08T02:00:00.000Z',
      end_at: '2026-12-08T04:00:00.000Z',
    });
    expect(renderResult(summary).split('\n').slice(0, 2)).toEqual([
      'job j1 (ntp): queued — 1 pending',
      'scheduled: starts 2026-12-08T02:00:00.000Z, window closes 2026-12-08T04:00:00.000Z',
    ]);
  });

  it('explains the devices the closing window left unstarted', () => {
    const closed: JobResultView = {
      job: { ...waiting.job, status: 'cancelled', start_at: null, end_reason: 'window_closed' },
      devices: [
        {
          index: 0,
          key: 'a:22',
          state: 'succeeded',
          result: { state: 'succeeded', attempts: 1 },
        },
        {
          index: 1,
          key: 'b:22',
          state: 'skipped',
          result: { state: 'skipped', attempts: 0, skipReason: 'window_closed' },
        },
      ],
    };
    const text = renderResult(summarizeResult(closed));
    expect(text).toContain(
      'job j1 (ntp): cancelled (its change window closed; the devices not yet started were skipped) — 1 succeeded, 1 skipped\nwindow closes 2026-12-08T04:00:00.000Z\n',
    );
    expect(summarizeResult(closed)).toMatchObject({ end_reason: 'window_closed' });
    expect(text).toMatch(
      /b:22 +skipped +window_closed +not started: the job's change window closed first\n/,
    );
  });
});

describe('result view of a job the approval policy held', () => {
  it('says the job awaits approval, or who approved it, also in --json', () => {
    const pending = summarizeResult({
      ...result,
      job: { ...result.job, status: 'queued', approval: 'pending', approved_by: null },
    });
    expect(pending).toMatchObject({ approval: 'pending' });
    expect(pending).not.toHaveProperty('approved_by');
    expect(renderResult(pending).split('\n')[1]).toBe('awaits approval');

    const approved = summarizeResult({
      ...result,
      job: {
        ...result.job,
        approval: 'approved',
        approved_by: 'bob',
        end_at: '2026-12-08T04:00:00.000Z',
      },
    });
    expect(approved).toMatchObject({ approval: 'approved', approved_by: 'bob' });
    expect(renderResult(approved).split('\n')[1]).toBe(
      'approved by bob, window closes 2026-12-08T04:00:00.000Z',
    );
  });
});
