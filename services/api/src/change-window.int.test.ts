import { installLeakCheck, isoInMs } from '@fleetpush/testing';
import { withApi, type ApiHarness } from './__fixtures__/api-harness';
import { followUp, importRows, jobSpec, postJob, THREE } from './__fixtures__/job-helpers';

installLeakCheck();

function get(h: ApiHarness, path: string) {
  return h.http().get(`/api/v1${path}`).set('Authorization', h.auth('viewer'));
}

function post(h: ApiHarness, path: string) {
  return h.http().post(`/api/v1${path}`).set('Authorization', h.auth('operator'));
}

describe('POST /jobs with a change window', () => {
  it('a job scheduled ahead is stored queued with its window, listed active, and starts nothing', async () => {
    await withApi(async (h) => {
      await importRows(h, THREE);
      const window = { start_at: isoInMs(3_600_000), end_at: isoInMs(7_200_000) };
      const res = await postJob(h, { window });
      expect(res.status).toBe(201);
      expect(res.body.job).toMatchObject({
        status: 'queued',
        start_at: window.start_at,
        end_at: window.end_at,
        started_at: null,
      });
      const id = res.body.job.id as string;
      expect((await h.deps.queue.depth()).waiting).toBe(0);
      expect(await h.redis.redis.zscore(h.deps.keys.scheduledJobs, id)).toBe(
        String(Date.parse(window.start_at)),
      );
      const active = await get(h, '/jobs/active');
      expect(active.body.items.map((j: { id: string }) => j.id)).toEqual([id]);
      expect(active.body.items[0]).toMatchObject({ start_at: window.start_at });
      const detail = await get(h, `/jobs/${id}`);
      expect(detail.body).toMatchObject({ status: 'queued', end_at: window.end_at });
      expect(detail.body.spec.window).toEqual(window);
    });
  });

  it('POST /jobs/{id}/run starts a scheduled job early and takes it off the schedule', async () => {
    await withApi(async (h) => {
      await importRows(h, THREE);
      const res = await postJob(h, { window: { start_at: isoInMs(3_600_000) } });
      const id = res.body.job.id as string;
      const run = await post(h, `/jobs/${id}/run`);
      expect(run.status).toBe(202);
      expect(run.body.job).toMatchObject({ id, status: 'running' });
      expect((await h.deps.queue.depth()).waiting).toBe(1);
      expect(await h.redis.redis.zscore(h.deps.keys.scheduledJobs, id)).toBeNull();
    });
  });

  it('a scheduled job cancelled before its time ends cancelled and leaves the schedule', async () => {
    await withApi(async (h) => {
      await importRows(h, THREE);
      const res = await postJob(h, { window: { start_at: isoInMs(3_600_000) } });
      const id = res.body.job.id as string;
      const cancel = await post(h, `/jobs/${id}/cancel`);
      expect(cancel.body).toMatchObject({ status: 'cancelled', changed: true });
      expect(await h.redis.redis.zcard(h.deps.keys.scheduledJobs)).toBe(0);
      expect((await get(h, '/jobs/active')).body.items).toEqual([]);
      expect((await post(h, `/jobs/${id}/run`)).status).toBe(409);
    });
  });

  it('a start already past starts the job at once; only an end still ahead is kept', async () => {
    await withApi(async (h) => {
      await importRows(h, THREE);
      const window = { start_at: isoInMs(-60_000), end_at: isoInMs(3_600_000) };
      const res = await postJob(h, { window });
      expect(res.status).toBe(201);
      expect(res.body.job).toMatchObject({
        status: 'running',
        start_at: null,
        end_at: window.end_at,
      });
      expect((await h.deps.queue.depth()).waiting).toBe(1);
      expect(await h.redis.redis.zcard(h.deps.keys.scheduledJobs)).toBe(0);
    });
  });

  it('refuses a bad window with 400 naming the field, and stores nothing', async () => {
    await withApi(async (h) => {
      await importRows(h, THREE);
      const cases: [string, Record<string, unknown>, string, string][] = [
        ['no time zone', { start_at: '2030-01-01T02:00:00' }, 'window.start_at', 'time zone'],
        ['not a time', { end_at: 'tonight' }, 'window.end_at', 'ISO 8601'],
        [
          'end before start',
          { start_at: isoInMs(7_200_000), end_at: isoInMs(3_600_000) },
          'window.end_at',
          'after start_at',
        ],
        ['empty', {}, 'window', 'start_at, end_at or both'],
        ['unknown field', { start: isoInMs(1000) }, 'window', 'start'],
        ['already closed', { end_at: isoInMs(-1_000) }, 'window.end_at', 'before now'],
        ['too far ahead', { start_at: isoInMs(400 * 86_400_000) }, 'window.start_at', '366 days'],
      ];
      for (const [what, window, path, words] of cases) {
        const res = await postJob(h, { window });
        const details = res.body.error?.details as { path: string; message: string }[];
        const problem = details?.find((d) => d.path === path);
        expect([what, res.status, problem?.message]).toEqual([
          what,
          400,
          expect.stringContaining(words),
        ]);
      }
      const both = await postJob(
        h,
        { window: { start_at: isoInMs(60_000) } },
        'operator',
        '/api/v1/jobs?start=false',
      );
      expect(both.status).toBe(400);
      expect(both.body.error.details).toEqual([
        { path: 'window.start_at', message: expect.stringContaining('start=false') },
      ]);
      expect((await get(h, '/jobs')).body.items).toEqual([]);
      expect(await h.redis.redis.zcard(h.deps.keys.scheduledJobs)).toBe(0);
    });
  });

  it('a rerun of a job whose window closed runs now, or in the window it is given; never in the old one', async () => {
    await withApi(async (h) => {
      await importRows(h, THREE);
      const res = await postJob(h, { window: { end_at: isoInMs(300) } });
      const id = res.body.job.id as string;
      await new Promise((resolve) => setTimeout(resolve, 400));
      // the worker's begin of the dispatched canary, after the close
      const [canary] = await h.deps.reader.dispatched(id);
      expect((await h.deps.coordinator.begin(id, canary!)).kind).toBe('skipped');
      const ended = await get(h, `/jobs/${id}`);
      expect(ended.body).toMatchObject({
        status: 'cancelled',
        counts: { skipped: 3 },
        end_reason: 'window_closed',
      });
      const result = await get(h, `/jobs/${id}/result`);
      expect(
        result.body.devices.map((d: { result: { skipReason: string } }) => d.result.skipReason),
      ).toEqual(['window_closed', 'window_closed', 'window_closed']);

      const now = await followUp(h, 'rerun', id, { devices: 'not_succeeded' });
      expect(now.status).toBe(201);
      expect(now.body.job).toMatchObject({ status: 'running', targets: 3, end_at: null });
      expect((await jobSpec(h, now.body.job.id)).window).toBeUndefined();

      const window = { start_at: isoInMs(3_600_000) };
      const later = await followUp(h, 'rerun', id, { devices: 'not_succeeded', window });
      expect(later.status).toBe(201);
      expect(later.body.job).toMatchObject({ status: 'queued', start_at: window.start_at });
      const bad = await followUp(h, 'rerun', id, {
        devices: 'not_succeeded',
        window: { end_at: 'soon' },
      });
      expect([bad.status, bad.body.error.details[0].path]).toEqual([400, 'window.end_at']);
    });
  });
});
