import { installLeakCheck } from '@fleetpush/testing';
import { deviceRow, withApi } from './__fixtures__/api-harness';
import { importRows, postJob } from './__fixtures__/job-helpers';

installLeakCheck();

describe('a job with group limits', () => {
  it('GET /jobs/{id} says how many devices are in flight and how many its limits hold back', async () => {
    await withApi(async (h) => {
      await importRows(
        h,
        ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4', '10.0.0.5'].map((host, i) =>
          deviceRow(host, { site: i < 4 ? 'ams' : 'fra' }),
        ),
      );
      const res = await postJob(h, {
        canary: '10.0.0.1:22',
        strategy: { concurrency: 10, limits: [{ per: 'site', concurrency: 1 }] },
      });
      expect(res.status).toBe(201);
      const id = res.body.job.id as string;
      // the worker's part for the canary: it begins and succeeds
      const [canary] = await h.deps.reader.dispatched(id);
      expect((await h.deps.coordinator.begin(id, canary!)).kind).toBe('go');
      await h.deps.coordinator.complete(
        id,
        canary!,
        'succeeded',
        {},
        {
          deviceKey: '10.0.0.1:22',
          state: 'succeeded',
          attempts: 1,
        },
      );

      const job = await h.http().get(`/api/v1/jobs/${id}`).set('Authorization', h.auth('viewer'));
      // one device per site in flight (.2 at ams, .5 at fra); .3 and .4 wait for ams
      expect(job.body.run).toMatchObject({ in_flight: 2, held_by_limits: 2 });
      expect(job.body.counts).toMatchObject({ succeeded: 1, queued: 2, pending: 2 });
    });
  });
});
