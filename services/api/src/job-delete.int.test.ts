import { installLeakCheck } from '@fleetpush/testing';
import { withApi, type ApiHarness } from './__fixtures__/api-harness';
import { drive, importRows, postJob, THREE } from './__fixtures__/job-helpers';

installLeakCheck();

function del(h: ApiHarness, id: string, role: 'operator' | 'admin' = 'admin') {
  return h.http().delete(`/api/v1/jobs/${id}`).set('Authorization', h.auth(role));
}

function get(h: ApiHarness, path: string) {
  return h.http().get(`/api/v1${path}`).set('Authorization', h.auth('admin'));
}

describe('DELETE /jobs/{id}', () => {
  it('deletes a finished job with its results and events, once; the audit log keeps the deletion', async () => {
    await withApi(async (h) => {
      await importRows(h, THREE);
      const id = (await postJob(h)).body.job.id as string;
      await drive(h, id);
      expect((await get(h, `/jobs/${id}`)).body.status).toBe('completed');

      // finished, but the reconciler has not yet recorded its end (webhook, active list): 409
      const early = await del(h, id);
      expect(early.status).toBe(409);
      expect(early.body.error).toMatchObject({ code: 'invalid_state' });
      expect(early.body.error.message).toContain('retry');
      expect((await get(h, `/jobs/${id}`)).status).toBe(200);

      await h.redis.redis.srem(h.deps.keys.activeJobs, id);
      expect((await del(h, id, 'operator')).status).toBe(403);
      const deleted = await del(h, id);
      expect(deleted.status).toBe(204);

      expect((await get(h, `/jobs/${id}`)).status).toBe(404);
      expect((await get(h, `/jobs/${id}/result`)).status).toBe(404);
      expect((await get(h, `/jobs/${id}/events`)).status).toBe(404);
      expect((await get(h, '/jobs')).body.items.map((j: { id: string }) => j.id)).not.toContain(id);
      expect(await h.redis.redis.exists(...h.deps.keys.job(id).ordered)).toBe(0);
      expect((await del(h, id)).status).toBe(404);

      const audit = await get(h, '/audit?action=job:deleted');
      expect(audit.body.items).toEqual([
        expect.objectContaining({
          action: 'job:deleted',
          target: id,
          details: expect.objectContaining({ status: 'completed', targets: 3 }),
        }),
      ]);
    });
  });

  it('refuses a job that has not finished (409, names its status) and changes nothing', async () => {
    await withApi(async (h) => {
      await importRows(h, THREE);
      const id = (await postJob(h)).body.job.id as string;
      const res = await del(h, id);
      expect(res.status).toBe(409);
      expect(res.body.error).toMatchObject({
        code: 'invalid_state',
        details: [{ path: 'status', message: 'running' }],
      });
      expect(res.body.error.message).toContain('cancel it first');
      expect((await get(h, `/jobs/${id}`)).body.status).toBe('running');
      expect((await get(h, '/audit?action=job:deleted')).body.items).toEqual([]);
    });
  });
});
