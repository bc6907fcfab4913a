import { dumpRedisPrefix, withRedis, type TestRedis } from '@fleetpush/testing';
import { driveRun } from '../coordinator/__fixtures__/drive-run';
import { fixtureJob } from '../coordinator/__fixtures__/job-fixture';
import { createJob, type NewJob } from '../coordinator/create-job';
import { RunCoordinator } from '../coordinator/run-coordinator';
import { redisKeys } from '../redis-keys';
import { JobPurger } from './job-purge';

const DAY_MS = 86_400_000;

/** Every key under the prefix with its value, one sorted entry a key (SCAN order varies). */
async function snapshot(ctx: TestRedis): Promise<string[]> {
  const lines = (await dumpRedisPrefix(ctx.redis, ctx.prefix)).split('\n');
  const entries: string[] = [];
  for (let i = 0; i + 1 < lines.length; i += 2) entries.push(`${lines[i]} ${lines[i + 1]}`);
  return entries.sort();
}

async function setup(ctx: TestRedis) {
  const keys = redisKeys(ctx.prefix);
  const coordinator = new RunCoordinator(ctx.redis, keys);
  const finish = async (job: NewJob, reconciled = true): Promise<void> => {
    await createJob(ctx.redis, keys, job);
    await driveRun(ctx.redis, keys, coordinator, job, { outcome: () => 'succeeded' });
    // the reconciler takes a finished job out of the active set once its webhook is queued
    if (reconciled) await ctx.redis.srem(keys.activeJobs, job.id);
  };
  return { keys, coordinator, finish, purger: new JobPurger(ctx.redis, keys) };
}

describe('JobPurger', () => {
  it('deletes a finished job and everything it keeps, and nothing of any other job', async () => {
    await withRedis(async (ctx) => {
      const { keys, finish, purger } = await setup(ctx);
      const gone = fixtureJob({ devices: 5 });
      const kept = fixtureJob({ devices: 5 });
      await finish(gone);
      await finish(kept);
      const before = await snapshot(ctx);
      expect(before.some((e) => e.includes(gone.id))).toBe(true);

      expect(await purger.purge(gone.id)).toEqual({ kind: 'deleted' });

      const after = await snapshot(ctx);
      expect(after.filter((e) => e.includes(gone.id))).toEqual([]);
      // every other key is as it was: the other job whole, the index less the purged id
      const untouched = (entries: string[]) =>
        entries.filter((e) => !e.includes(gone.id) && !e.startsWith(`${keys.jobIndex} `));
      expect(untouched(after)).toEqual(untouched(before));
      expect(await ctx.redis.zrange(keys.jobIndex, 0, -1)).toEqual([kept.id]);
      expect(await purger.purge(gone.id)).toEqual({ kind: 'missing' });
    });
  });

  it('leaves a running job, and a finished one the reconciler has not seen, whole', async () => {
    await withRedis(async (ctx) => {
      const { keys, coordinator, finish, purger } = await setup(ctx);
      const running = fixtureJob({ devices: 3 });
      await createJob(ctx.redis, keys, running);
      await coordinator.start(running.id, 'tester');
      const unreconciled = fixtureJob({ devices: 3 });
      await finish(unreconciled, false);
      const before = await snapshot(ctx);

      expect(await purger.purge(running.id)).toEqual({ kind: 'busy', status: 'running' });
      expect(await purger.purge(unreconciled.id)).toEqual({ kind: 'busy', status: 'completed' });
      expect(await snapshot(ctx)).toEqual(before);
    });
  });

  it('sweeps the jobs that finished before the cutoff and keeps the rest', async () => {
    await withRedis(async (ctx) => {
      const { keys, coordinator, finish, purger } = await setup(ctx);
      const longAgo = new Date(Date.now() - 100 * DAY_MS);
      const old = Array.from({ length: 3 }, () => ({
        ...fixtureJob({ devices: 2 }),
        createdAt: longAgo,
      }));
      for (const job of old) {
        await finish(job);
        await ctx.redis.hset(keys.job(job.id).record, 'finished_at', longAgo.toISOString());
      }
      // created long ago but finished today (it was held, then run): kept
      const lateFinish = { ...fixtureJob({ devices: 2 }), createdAt: longAgo };
      await finish(lateFinish);
      // created long ago and still running: kept
      const stillRunning = { ...fixtureJob({ devices: 2 }), createdAt: longAgo };
      await createJob(ctx.redis, keys, stillRunning);
      await coordinator.start(stillRunning.id, 'tester');
      const recent = fixtureJob({ devices: 2 });
      await finish(recent);

      const deleted = await purger.sweep(new Date(Date.now() - 90 * DAY_MS));

      expect(deleted.sort()).toEqual(old.map((j) => j.id).sort());
      expect((await ctx.redis.zrange(keys.jobIndex, 0, -1)).sort()).toEqual(
        [lateFinish.id, stillRunning.id, recent.id].sort(),
      );
      for (const job of old) expect(await ctx.redis.exists(...keys.job(job.id).ordered)).toBe(0);
      expect(await ctx.redis.hget(keys.job(stillRunning.id).record, 'status')).toBe('running');
    });
  });
});
