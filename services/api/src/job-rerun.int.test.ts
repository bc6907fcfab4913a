import { installLeakCheck } from '@fleetpush/testing';
import { deviceRow, withApi, type ApiHarness } from './__fixtures__/api-harness';
import { drive, followUp, importRows, jobSpec, postJob, THREE } from './__fixtures__/job-helpers';
import type { Role } from '@fleetpush/contracts';

installLeakCheck();

const [A, B, C] = ['10.0.0.1:22', '10.0.0.2:22', '10.0.0.3:22'];

const rerun = (h: ApiHarness, id: string, body: object = {}, role: Role = 'operator') =>
  followUp(h, 'rerun', id, body, role);

/** A job on the three devices (canary A), run to its end with the given outcomes. */
async function ended(
  h: ApiHarness,
  outcomes: Record<string, 'succeeded' | 'failed' | 'aborted'>,
  overrides = {},
) {
  const res = await postJob(h, { canary: A, strategy: { concurrency: 5 }, ...overrides });
  expect(res.status).toBe(201);
  const id = res.body.job.id as string;
  await drive(h, id, (key) => outcomes[key] ?? 'succeeded');
  return id;
}

describe('POST /jobs/{id}/rerun', () => {
  it("starts the ended job's change again on its failed and aborted devices, as a new job", async () => {
    await withApi(async (h) => {
      await importRows(h, THREE);
      const id = await ended(
        h,
        { [B]: 'failed', [C]: 'aborted' },
        { save_config: true, pause_after_canary: false },
      );
      const res = await rerun(h, id);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        rerun_of: id,
        job: { name: 'ntp (rerun: 2 failed)', targets: 2, canary: B, status: 'running' },
      });
      const again = await jobSpec(h, res.body.job.id as string);
      const before = await jobSpec(h, id);
      expect(again).toEqual({
        ...before,
        name: 'ntp (rerun: 2 failed)',
        targets: [B, C],
        labels: { rerun_of: id },
        canary: undefined,
      } as object);
      const audit = await h
        .http()
        .get('/api/v1/audit?action=job:submitted')
        .set('Authorization', h.auth('admin'));
      expect(audit.body.items[0]).toMatchObject({
        target: res.body.job.id,
        details: { rerun_of: id, selectors: 2 },
      });
    });
  });

  it('starts one rerun per Idempotency-Key: a retry answers 200 with the first job', async () => {
    await withApi(async (h) => {
      await importRows(h, THREE);
      const id = await ended(h, { [B]: 'failed' });
      const send = (body: object = {}) =>
        h
          .http()
          .post(`/api/v1/jobs/${id}/rerun`)
          .set('Authorization', h.auth('operator'))
          .set('Idempotency-Key', 'rerun-ntp-1')
          .send(body);
      const first = await send();
      const again = await send();
      expect([first.status, again.status]).toEqual([201, 200]);
      expect(again.body).toMatchObject({
        job: { id: first.body.job.id },
        replayed: true,
        rerun_of: id,
      });
      // the same key for another rerun: refused, not the first rerun's job
      const other = await send({ devices: 'not_succeeded' });
      expect([other.status, other.body.error.message]).toEqual([
        409,
        'this Idempotency-Key was used for another submission',
      ]);
      const jobs = await h.http().get('/api/v1/jobs').set('Authorization', h.auth('viewer'));
      expect(jobs.body.total).toBe(2);
    });
  });

  it('keeps the canary when it is rerun too, and takes the skipped devices with not_succeeded', async () => {
    await withApi(async (h) => {
      await importRows(h, THREE);
      // the canary fails: the other two are skipped
      const id = await ended(h, { [A]: 'failed' });
      const failedOnly = await rerun(h, id, { name: 'retry the canary' });
      expect(failedOnly.body.job).toMatchObject({
        name: 'retry the canary',
        targets: 1,
        canary: A,
      });
      await drive(h, failedOnly.body.job.id as string);
      const all = await rerun(h, id, { devices: 'not_succeeded' });
      expect(all.status).toBe(201);
      expect(all.body.job).toMatchObject({
        name: 'ntp (rerun: 3 not succeeded)',
        targets: 3,
        canary: A,
      });
    });
  });

  it('answers 409 before the job has ended or when no device qualifies; 400 naming a bad field; 404', async () => {
    await withApi(async (h) => {
      await importRows(h, THREE);
      const running = await postJob(h);
      const early = await rerun(h, running.body.job.id as string);
      expect([early.status, early.body.error.code]).toEqual([409, 'invalid_state']);
      expect(early.body.error.message).toContain('is running: rerun it once it has ended');

      const clean = await ended(h, {});
      const none = await rerun(h, clean);
      expect([none.status, none.body.error.message]).toEqual([
        409,
        `no device of job ${clean} failed or was aborted: nothing to rerun`,
      ]);
      const noneAtAll = await rerun(h, clean, { devices: 'not_succeeded' });
      expect(noneAtAll.body.error.message).toBe(
        `every device of job ${clean} succeeded: nothing to rerun`,
      );
      const bad = await rerun(h, clean, { devices: 'some' });
      expect([bad.status, bad.body.error.details[0].path]).toEqual([400, 'devices']);
      expect((await rerun(h, 'no-such-job')).status).toBe(404);
      const jobs = await h.http().get('/api/v1/jobs').set('Authorization', h.auth('viewer'));
      expect(jobs.body.total).toBe(2); // nothing was stored by any of these
    });
  });

  it('asks again for production: 403 for an operator, 400 for an admin without confirm_prod', async () => {
    await withApi(async (h) => {
      await importRows(h, [deviceRow('10.0.0.1'), deviceRow('10.0.0.2', { prod: 'true' })]);
      const res = await postJob(h, { canary: A, confirm_prod: true }, 'admin');
      const id = res.body.job.id as string;
      await drive(h, id, (key) => (key === B ? 'failed' : 'succeeded'));
      expect((await rerun(h, id)).status).toBe(403);
      const unconfirmed = await rerun(h, id, {}, 'admin');
      expect([unconfirmed.status, unconfirmed.body.error.details[0].path]).toEqual([
        400,
        'confirm_prod',
      ]);
      const confirmed = await rerun(h, id, { confirm_prod: true }, 'admin');
      expect(confirmed.status).toBe(201);
      expect((await jobSpec(h, confirmed.body.job.id as string)).confirm_prod).toBe(true);
    });
  });
});
