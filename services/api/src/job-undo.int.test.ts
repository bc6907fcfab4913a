import { installLeakCheck } from '@fleetpush/testing';
import { deviceRow, withApi, type ApiHarness } from './__fixtures__/api-harness';
import {
  drive,
  followUp,
  importRows,
  jobSpec,
  postJob,
  type OutcomeOf,
} from './__fixtures__/job-helpers';
import type { Role } from '@fleetpush/contracts';

installLeakCheck();

const KEYS = ['10.0.0.1:22', '10.0.0.2:22', '10.0.0.3:22', '10.0.0.4:22', '10.0.0.5:22'];
const [A, B, C, D, E] = KEYS;

const undo = (h: ApiHarness, id: string, body: object = {}, role: Role = 'operator') =>
  followUp(h, 'undo', id, body, role);

/** What the workers store for each device: changed and kept, rolled back already, untouched, crashed. */
const MIXED: OutcomeOf = (key) => {
  const result = (state: string, extra: object) => ({ state, attempts: 1, ...extra });
  if (key === A)
    return { state: 'succeeded', result: result('succeeded', { config_lines_sent: 1 }) };
  if (key === B)
    // a post-check assertion failed: the job's rollback already ran on it
    return {
      state: 'failed',
      result: result('failed', { config_lines_sent: 1, code: 'assertion_failed', rollback: [] }),
    };
  if (key === C)
    return {
      state: 'failed',
      result: result('failed', { config_lines_sent: 0, code: 'command_error' }),
    };
  if (key === D)
    return { state: 'failed', result: result('failed', { code: 'uncertain_after_crash' }) };
  return { state: 'succeeded', result: result('succeeded', { config_lines_sent: 2 }) };
};

const CHANGE = {
  canary: A,
  commands: ['ntp server {{ntp}}'],
  rollback_commands: ['no ntp server {{ntp}}'],
  assertions: { expect: ['ntp server'] },
  strategy: { concurrency: 5, max_failures: 10 },
};

describe('POST /jobs/{id}/undo', () => {
  it('runs the rollback commands, as a new job, on the devices the job left changed', async () => {
    await withApi(async (h) => {
      await importRows(
        h,
        KEYS.map((k) => deviceRow(k.split(':')[0]!)),
      );
      const job = await postJob(h, CHANGE);
      expect(job.status).toBe(201);
      const id = job.body.job.id as string;
      await drive(h, id, MIXED);
      const res = await undo(h, id);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        undo_of: id,
        job: { name: 'ntp (undo: 3 devices)', targets: 3, canary: A, status: 'running' },
      });
      const undone = await jobSpec(h, res.body.job.id as string);
      // changed and kept (A, E) and maybe changed by a crash mid-apply (D); not B (rolled back
      // by its job already) nor C (it accepted no line)
      expect(undone).toMatchObject({
        targets: [A, D, E],
        commands: ['no ntp server {{ntp}}'],
        global_vars: { ntp: '10.9.9.9' },
        labels: { undo_of: id },
        confirm_prod: false,
      });
      expect(undone.rollback_commands).toBeUndefined();
      expect(undone.assertions).toBeUndefined();
      const audit = await h
        .http()
        .get('/api/v1/audit?action=job:submitted')
        .set('Authorization', h.auth('admin'));
      expect(audit.body.items[0].details).toMatchObject({ undo_of: id, selectors: 3 });
    });
  });

  it('answers 409 before the end, without rollback commands, or when no device was left changed', async () => {
    await withApi(async (h) => {
      await importRows(
        h,
        KEYS.map((k) => deviceRow(k.split(':')[0]!)),
      );
      const running = await postJob(h, CHANGE);
      const early = await undo(h, running.body.job.id as string);
      expect([early.status, early.body.error.message]).toEqual([
        409,
        `job ${running.body.job.id} is running: undo it once it has ended`,
      ]);
      const plain = await postJob(h, { ...CHANGE, rollback_commands: undefined });
      await drive(h, plain.body.job.id as string, MIXED);
      const noRollback = await undo(h, plain.body.job.id as string);
      expect([noRollback.status, noRollback.body.error.message]).toEqual([
        409,
        `job ${plain.body.job.id} has no rollback_commands: nothing says how to undo it`,
      ]);
      const untouched = await postJob(h, CHANGE);
      await drive(h, untouched.body.job.id as string, () => 'succeeded');
      const nothing = await undo(h, untouched.body.job.id as string);
      expect([nothing.status, nothing.body.error.message]).toEqual([
        409,
        `job ${untouched.body.job.id} left no device changed: nothing to undo`,
      ]);
      expect((await undo(h, plain.body.job.id as string, { confirm: true })).status).toBe(400);
      expect((await undo(h, 'no-such-job')).status).toBe(404);
      const jobs = await h.http().get('/api/v1/jobs').set('Authorization', h.auth('viewer'));
      expect(jobs.body.total).toBe(3); // none of these stored a job
    });
  });

  it('asks again for production: 403 for an operator, 201 for an admin who confirms', async () => {
    await withApi(async (h) => {
      await importRows(h, [deviceRow('10.0.0.1'), deviceRow('10.0.0.2', { prod: 'true' })]);
      const job = await postJob(h, { ...CHANGE, confirm_prod: true }, 'admin');
      const id = job.body.job.id as string;
      await drive(h, id, () => ({
        state: 'succeeded',
        result: { state: 'succeeded', attempts: 1, config_lines_sent: 1 },
      }));
      expect((await undo(h, id)).status).toBe(403);
      expect((await undo(h, id, {}, 'admin')).body.error.details[0].path).toBe('confirm_prod');
      expect((await undo(h, id, { confirm_prod: true }, 'admin')).status).toBe(201);
    });
  });
});
