import { installLeakCheck, waitUntil } from '@fleetpush/testing';
import { deviceRow, withApi, type ApiHarness } from './__fixtures__/api-harness';
import { drive, importRows, postJob, THREE } from './__fixtures__/job-helpers';

installLeakCheck();

async function held(
  h: ApiHarness,
  overrides: Record<string, unknown> = {},
  role: 'operator' | 'admin' = 'operator',
): Promise<string> {
  const res = await postJob(h, overrides, role, '/api/v1/jobs?start=false');
  expect(res.status).toBe(201);
  expect(res.body.job.status).toBe('queued');
  return res.body.job.id as string;
}

function run(h: ApiHarness, id: string, query = '', role: 'operator' | 'admin' = 'operator') {
  return h.http().post(`/api/v1/jobs/${id}/run${query}`).set('Authorization', h.auth(role));
}

describe('POST /jobs/{id}/run', () => {
  it('a job submitted with start=false waits queued, touches nothing, and starts on /run (202), once', async () => {
    await withApi(async (h) => {
      await importRows(h, THREE);
      const id = await held(h);
      const queued = await h
        .http()
        .get(`/api/v1/jobs/${id}`)
        .set('Authorization', h.auth('operator'));
      expect(queued.body).toMatchObject({ started_at: null, finished_at: null });
      expect((await h.deps.queue.depth()).waiting).toBe(0);
      expect(await h.redis.redis.sismember(h.deps.keys.activeJobs, id)).toBe(0);
      const started = await run(h, id);
      expect(started.status).toBe(202);
      expect(started.body.job).toMatchObject({ id, status: 'running', finished_at: null });
      expect(Date.parse(started.body.job.started_at)).toBeGreaterThan(0);
      expect((await h.deps.queue.depth()).waiting).toBe(1);
      expect(await h.redis.redis.sismember(h.deps.keys.activeJobs, id)).toBe(1);
      const again = await run(h, id);
      expect(again.status).toBe(409);
      expect(again.body.error).toMatchObject({
        code: 'invalid_state',
        details: [{ path: 'status', message: 'running' }],
      });
      const audit = await h
        .http()
        .get('/api/v1/audit?action=job:started')
        .set('Authorization', h.auth('admin'));
      expect(audit.body.items.map((e: { target: string }) => e.target)).toEqual([id]);
    });
  });

  it('with ?wait, answers 200 with the final job and every result when it ends in time', async () => {
    await withApi(async (h) => {
      await importRows(h, THREE);
      const id = await held(h);
      const waiting = run(h, id, '?wait=30').then((res) => res);
      await waitUntil(async () => (await h.deps.reader.dispatched(id)).length > 0);
      await drive(h, id);
      const res = await waiting;
      expect(res.status).toBe(200);
      expect(res.body.job).toMatchObject({ id, status: 'completed', counts: { succeeded: 3 } });
      const { started_at: startedAt, finished_at: finishedAt } = res.body.job;
      expect(Date.parse(finishedAt)).toBeGreaterThanOrEqual(Date.parse(startedAt));
      expect(
        res.body.devices.map((d: { key: string; state: string; result: unknown }) => [
          d.key,
          d.state,
          d.result,
        ]),
      ).toEqual([
        ['10.0.0.1:22', 'succeeded', { output: 'configured 10.0.0.1:22' }],
        ['10.0.0.2:22', 'succeeded', { output: 'configured 10.0.0.2:22' }],
        ['10.0.0.3:22', 'succeeded', { output: 'configured 10.0.0.3:22' }],
      ]);
    });
  });

  it('with ?wait, answers 202 with the current state when the job does not end in time', async () => {
    await withApi(async (h) => {
      await importRows(h, THREE);
      const id = await held(h);
      const res = await run(h, id, '?wait=1');
      expect(res.status).toBe(202);
      expect(res.body.job).toMatchObject({ id, status: 'running' });
    });
  });

  it('a held job cancelled before /run ends cancelled, leaves the active lists and cannot start', async () => {
    await withApi(async (h) => {
      await importRows(h, THREE);
      const id = await held(h);
      const cancel = await h
        .http()
        .post(`/api/v1/jobs/${id}/cancel`)
        .set('Authorization', h.auth('operator'));
      expect(cancel.body).toMatchObject({ status: 'cancelled', changed: true });
      const res = await run(h, id);
      expect(res.status).toBe(409);
      expect(res.body.error.details).toEqual([{ path: 'status', message: 'cancelled' }]);
      const active = await h
        .http()
        .get('/api/v1/jobs/active')
        .set('Authorization', h.auth('viewer'));
      expect(active.body.items).toEqual([]);
      expect((await h.deps.queue.depth()).waiting).toBe(0);
      // left to a worker's reconciler, which finishes it as any ended job (its webhook)
      expect(await h.redis.redis.sismember(h.deps.keys.activeJobs, id)).toBe(1);
      expect(await h.redis.redis.sismember(h.deps.keys.heldJobs, id)).toBe(0);
    });
  });

  it('answers 404 for an unknown job, 400 for a bad wait, 403 to an operator for a production job', async () => {
    await withApi(async (h) => {
      await importRows(h, [deviceRow('10.0.0.1', { prod: 'true' })]);
      expect((await run(h, 'no-such-job')).status).toBe(404);
      const id = await held(h, { confirm_prod: true }, 'admin');
      for (const query of ['?wait=301', '?wait=-1', '?wait=soon']) {
        const res = await run(h, id, query);
        expect([query, res.status, res.body.error.details[0].path]).toEqual([query, 400, 'wait']);
      }
      const operator = await run(h, id);
      expect(operator.status).toBe(403);
      expect((await h.deps.reader.record(id))?.status).toBe('queued');
      const admin = await run(h, id, '', 'admin');
      expect(admin.status).toBe(202);
    });
  });
});
