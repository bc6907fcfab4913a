import type { JobView } from '@fleetpush/contracts';
import { nextSteps, submittedHeadline, submittedJson } from './submitted-job-view';

const NOW = new Date('2026-12-08T00:00:00.000Z');
const job: JobView = {
  id: 'j1',
  name: 'ntp',
  status: 'running',
  actor: 'admin',
  created_at: '2026-12-08T00:00:00.000Z',
  updated_at: '2026-12-08T00:00:00.000Z',
  started_at: '2026-12-08T00:00:00.000Z',
  finished_at: null,
  targets: 40,
  canary: 'a:22',
  start_at: null,
  end_at: null,
};
const scheduled: JobView = {
  ...job,
  status: 'queued',
  started_at: null,
  start_at: '2026-12-08T02:00:00.000Z',
  end_at: '2026-12-08T04:00:00.000Z',
};
const pending: JobView = {
  ...job,
  status: 'queued',
  started_at: null,
  approval: 'pending',
  approved_by: null,
};

describe('what jobs run and jobs start say of the job', () => {
  it('names a job submitted or started with its devices and canary', () => {
    expect(submittedHeadline(job, 'submitted', NOW)).toBe(
      'job j1 submitted: 40 devices, canary a:22',
    );
    expect(submittedHeadline(job, 'started', NOW)).toBe('job j1 started: 40 devices, canary a:22');
  });

  it('says a scheduled job is scheduled, when it starts and how soon, and when its window closes', () => {
    expect(submittedHeadline(scheduled, 'submitted', NOW)).toBe(
      'job j1 scheduled: 40 devices, canary a:22, starts at 2026-12-08T02:00:00.000Z (in 2h 0m), window closes 2026-12-08T04:00:00.000Z',
    );
    expect(submittedHeadline({ ...job, end_at: scheduled.end_at }, 'submitted', NOW)).toBe(
      'job j1 submitted: 40 devices, canary a:22, window closes 2026-12-08T04:00:00.000Z',
    );
  });

  it('gives --json the id, status, devices and the window times the job has', () => {
    expect(submittedJson(job)).toEqual({ id: 'j1', status: 'running', targets: 40 });
    expect(submittedJson(scheduled)).toEqual({
      id: 'j1',
      status: 'queued',
      targets: 40,
      start_at: '2026-12-08T02:00:00.000Z',
      end_at: '2026-12-08T04:00:00.000Z',
    });
  });

  it('says a job the approval policy holds awaits approval, and how someone else approves it', () => {
    const approve = '; someone other than you approves it: fleetpush jobs approve j1';
    expect(submittedHeadline(pending, 'submitted', NOW)).toBe(
      `job j1 awaits approval: 40 devices, canary a:22${approve}`,
    );
    expect(
      submittedHeadline({ ...scheduled, approval: 'pending', approved_by: null }, 'submitted', NOW),
    ).toBe(
      `job j1 awaits approval: 40 devices, canary a:22, starts at 2026-12-08T02:00:00.000Z (in 2h 0m), window closes 2026-12-08T04:00:00.000Z${approve}`,
    );
  });

  it('offers to start a scheduled job now, unless it awaits approval', () => {
    expect(nextSteps(job)).toBe('follow it: fleetpush jobs watch j1\n');
    expect(nextSteps(scheduled)).toBe(
      'follow it: fleetpush jobs watch j1\nstart it now: fleetpush jobs start j1\n',
    );
    expect(nextSteps({ ...scheduled, approval: 'approved', approved_by: 'bob' })).toContain(
      'start it now: fleetpush jobs start j1\n',
    );
    expect(nextSteps({ ...scheduled, approval: 'pending' })).toBe(
      'follow it: fleetpush jobs watch j1\n',
    );
  });

  it('gives --json the approval the job awaits or got', () => {
    expect(submittedJson(pending)).toEqual({
      id: 'j1',
      status: 'queued',
      targets: 40,
      approval: 'pending',
    });
    expect(submittedJson({ ...job, approval: 'approved', approved_by: 'bob' })).toMatchObject({
      approval: 'approved',
      approved_by: 'bob',
    });
  });
});
