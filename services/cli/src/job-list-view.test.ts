import type { JobListItem } from '@fleetpush/contracts';
import { renderJobList } from './job-list-view';

const base = {
  actor: 'alice',
  updated_at: '2026-12-07T10:05:00.000Z',
  canary: 'a:22',
  targets: 40,
} as const;

const finished: JobListItem = {
  ...base,
  id: '11111111-aaaa-4bbb-8ccc-000000000001',
  name: 'core ntp',
  status: 'failed',
  created_at: '2026-12-07T10:00:59.000Z',
  started_at: '2026-12-07T10:01:00.000Z',
  finished_at: '2026-12-07T10:02:05.500Z',
  counts: { succeeded: 37, failed: 2, aborted: 1 },
};
const running: JobListItem = {
  ...base,
  id: '11111111-aaaa-4bbb-8ccc-000000000002',
  name: 'edge snmp',
  status: 'running',
  created_at: '2026-12-07T11:00:00.000Z',
  started_at: '2026-12-07T11:00:01.000Z',
  finished_at: null,
  counts: { succeeded: 3, pending: 37 },
};
const held: JobListItem = {
  ...base,
  id: '11111111-aaaa-4bbb-8ccc-000000000003',
  name: 'held one',
  status: 'queued',
  created_at: '2026-12-07T12:00:00.000Z',
  started_at: null,
  finished_at: null,
};
const scheduled: JobListItem = {
  ...base,
  id: '11111111-aaaa-4bbb-8ccc-000000000004',
  name: 'night change',
  status: 'queued',
  created_at: '2026-12-07T12:30:00.000Z',
  started_at: null,
  finished_at: null,
  start_at: '2026-12-08T02:00:00.000Z',
  end_at: '2026-12-08T04:30:00.000Z',
  counts: { pending: 40 },
};

describe('job list view', () => {
  it('shows each job with its outcome, run time and owner, and which page of how many', () => {
    const text = renderJobList({ items: [held, running, finished], total: 7, offset: 0, limit: 3 });
    const lines = text.trimEnd().split('\n');
    expect(lines[0]!.split(/\s{2,}/)).toEqual([
      'ID',
      'STATUS',
      'DEVICES',
      'OK',
      'FAILED',
      'RAN',
      'CREATED (UTC)',
      'WINDOW (UTC)',
      'OWNER',
      'NAME',
    ]);
    // an API older than the counts says it does not know rather than 0
    expect(lines[1]!.split(/\s{2,}/)).toEqual([
      held.id,
      'queued',
      '40',
      '?',
      '?',
      '-',
      '2026-12-07 12:00',
      '-',
      'alice',
      'held one',
    ]);
    expect(lines[2]!.split(/\s{2,}/).slice(1, 6)).toEqual(['running', '40', '3', '0', 'running']);
    // aborted devices count as failed; 65.5 s rounds up as the progress line's times do
    expect(lines[3]!.split(/\s{2,}/).slice(1, 7)).toEqual([
      'failed',
      '40',
      '37',
      '3',
      '1:06',
      '2026-12-07 10:00',
    ]);
    expect(lines[4]).toBe('1-3 of 7 jobs (next page: --offset 3)');
  });

  it('says when nothing matches, and gives no next page on the last one', () => {
    expect(renderJobList({ items: [], total: 0, offset: 0, limit: 20 })).toBe(
      'no job matches\n0-0 of 0 jobs\n',
    );
    expect(renderJobList({ items: [finished], total: 4, offset: 3, limit: 3 })).toMatch(
      /\n4-4 of 4 jobs\n$/,
    );
    expect(renderJobList({ items: [finished], total: 1, offset: 0, limit: 20 })).toMatch(
      /\n1-1 of 1 job\n$/,
    );
  });
});

describe('job list view of change windows', () => {
  it('shows when a queued job is scheduled to start and when its window closes', () => {
    const text = renderJobList({ items: [scheduled], total: 1, offset: 0, limit: 20 });
    expect(
      text
        .split('\n')[1]!
        .split(/\s{2,}/)
        .slice(1, 10),
    ).toEqual([
      'queued',
      '40',
      '0',
      '0',
      '-',
      '2026-12-07 12:30',
      'scheduled: starts 2026-12-08 02:00, window closes 2026-12-08 04:30',
      'alice',
      'night change',
    ]);
  });

  it('drops "scheduled" once the job started, and keeps when its window closes', () => {
    const started: JobListItem = {
      ...scheduled,
      status: 'running',
      started_at: '2026-12-08T02:00:01.000Z',
    };
    const text = renderJobList({ items: [started], total: 1, offset: 0, limit: 20 });
    expect(text.split('\n')[1]!.split(/\s{2,}/)[7]).toBe('window closes 2026-12-08 04:30');
  });

  it('says a job awaits approval, before its window, and who approved one', () => {
    const pending: JobListItem = { ...scheduled, approval: 'pending', approved_by: null };
    const approved: JobListItem = {
      ...finished,
      status: 'completed',
      approval: 'approved',
      approved_by: 'bob',
    };
    const text = renderJobList({ items: [pending, approved], total: 2, offset: 0, limit: 20 });
    const lines = text.split('\n');
    expect(lines[1]!.split(/\s{2,}/).slice(7)).toEqual([
      'awaits approval, scheduled: starts 2026-12-08 02:00, window closes 2026-12-08 04:30',
      'alice',
      'night change',
    ]);
    expect(lines[2]!.split(/\s{2,}/).slice(7)).toEqual(['approved by bob', 'alice', 'core ntp']);
  });
});
