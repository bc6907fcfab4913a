import { installLeakCheck, waitUntil, withRedis } from '@fleetpush/testing';
import { withEngine, type EngineHarness } from './__fixtures__/engine-harness';

jest.setTimeout(60_000);
installLeakCheck(5_000);

const DAY_MS = 86_400_000;
const SWEEP = { intervalMs: 200, graceMs: 1_000, queuedGraceMs: 1_000, retentionSweepMs: 200 };

/** Runs a job to its end, then makes it look created and finished `days` ago. */
async function finishedDaysAgo(h: EngineHarness, days: number): Promise<string> {
  const jobId = await h.submit({ commands: ['ntp server 10.0.0.7'] });
  expect(await h.waitForEnd(jobId)).toBe('completed');
  const then = new Date(Date.now() - days * DAY_MS);
  await h.redis.hset(h.keys.job(jobId).record, 'finished_at', then.toISOString());
  await h.redis.zadd(h.keys.jobIndex, then.getTime(), jobId);
  return jobId;
}

const present = (h: EngineHarness, jobId: string) =>
  h.redis.exists(...h.keys.job(jobId).ordered).then((n) => n > 0);

describe('job retention (FLEETPUSH_JOB_RETENTION_DAYS)', () => {
  it('the workers delete jobs that finished before the retention period, and keep the rest', () =>
    withRedis((ctx) =>
      withEngine(ctx, { devices: 2, platforms: ['cisco_ios'] }, async (h) => {
        await h.startWorker({ jobRetentionDays: 30 }, { reconciler: SWEEP });
        const old = await finishedDaysAgo(h, 31);
        const recent = await finishedDaysAgo(h, 29);
        const today = await h.submit({ commands: ['ntp server 10.0.0.8'] });
        expect(await h.waitForEnd(today)).toBe('completed');

        await waitUntil(async () => !(await present(h, old)), { timeoutMs: 10_000 });
        expect(await present(h, recent)).toBe(true);
        expect(await present(h, today)).toBe(true);
        expect((await h.redis.zrange(h.keys.jobIndex, 0, -1)).sort()).toEqual(
          [recent, today].sort(),
        );
      }),
    ));

  it('keeps every job when the retention is 0', () =>
    withRedis((ctx) =>
      withEngine(ctx, { devices: 2, platforms: ['cisco_ios'] }, async (h) => {
        await h.startWorker({ jobRetentionDays: 0 }, { reconciler: SWEEP });
        const old = await finishedDaysAgo(h, 3_650);
        // the job has left the active set: the reconciler has seen it finish (and would sweep)
        await waitUntil(async () => !(await h.redis.sismember(h.keys.activeJobs, old)));
        await new Promise((r) => setTimeout(r, 1_000));
        expect(await present(h, old)).toBe(true);
      }),
    ));
});
