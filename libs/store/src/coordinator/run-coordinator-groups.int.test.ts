import { withRedis, type TestRedis } from '@fleetpush/testing';
import fc from 'fast-check';
import type { RedisKeys } from '../redis-keys';
import { driveRun, type DriveOptions } from './__fixtures__/drive-run';
import { storedJob } from './__fixtures__/stored-job';
import type { NewJob } from './create-job';
import type { RunCoordinator } from './run-coordinator';

/**
 * Watches a grouped run after every step: the devices in flight per group (from the dispatched
 * set) never exceed the group's cap, and the coordinator's own count agrees. Keeps the highest
 * load seen per group and overall.
 */
function groupWatch(ctx: TestRedis, keys: RedisKeys, job: NewJob) {
  const groups = job.groups!;
  const highest = groups.caps.map(() => 0);
  let highestInFlight = 0;
  const k = keys.job(job.id);
  const check = async (): Promise<void> => {
    const inFlight = (await ctx.redis.zrange(k.dispatched, 0, -1)).map(Number);
    highestInFlight = Math.max(highestInFlight, inFlight.length);
    const load = groups.caps.map(() => 0);
    for (const i of inFlight) for (const g of groups.ofDevice[i]!) load[g - 1]! += 1;
    const kept = await ctx.redis.hgetall(k.groups);
    load.forEach((n, g) => {
      expect(n).toBeLessThanOrEqual(groups.caps[g]!);
      expect(Number(kept[`n${g + 1}`] ?? 0)).toBe(n);
      highest[g] = Math.max(highest[g]!, n);
    });
  };
  return { check, highest, highestInFlight: () => highestInFlight };
}

const succeed: DriveOptions['outcome'] = () => 'succeeded';

/** Starts the job and plays its canary to success; the step's reply (what it dispatched). */
async function passCanary(coordinator: RunCoordinator, job: NewJob) {
  const [canary] = (await coordinator.start(job.id, 'op'))!;
  expect((await coordinator.begin(job.id, canary!)).kind).toBe('go');
  const key = job.devices[canary!.deviceIndex]!.key;
  return coordinator.complete(
    job.id,
    canary!,
    'succeeded',
    { state: 'succeeded' },
    {
      deviceKey: key,
      state: 'succeeded',
      attempts: 1,
    },
  );
}

describe('RunCoordinator with group limits', () => {
  it('never runs two devices of a group capped at 1, and lets other groups pass a full one', async () => {
    await withRedis(async (ctx) => {
      // the canary, then four devices of each of three groups in a row: without passing,
      // the window of 6 would run one device at a time behind the first group's
      const ofDevice = [[1], [1], [1], [1], [1], [2], [2], [2], [2], [3], [3], [3], [3]];
      const { keys, job, coordinator, reader } = await storedJob(ctx, {
        devices: 13,
        canary: 0,
        concurrency: 6,
        groups: { caps: [1, 1, 1], ofDevice },
      });
      const watch = groupWatch(ctx, keys, job);
      const log = await driveRun(ctx.redis, keys, coordinator, job, {
        outcome: succeed,
        afterStep: watch.check,
      });
      expect(watch.highest).toEqual([1, 1, 1]);
      expect(watch.highestInFlight()).toBe(3);
      // within a group, devices start in plan order
      for (const g of [1, 2, 3]) {
        const began = log.began.filter((i) => ofDevice[i]![0] === g);
        expect(began).toEqual([...began].sort((a, b) => a - b));
      }
      expect((await reader.record(job.id))?.status).toBe('completed');
      expect(await reader.stateCounts(job.id)).toEqual({ succeeded: 13 });
      expect(await ctx.redis.exists(keys.job(job.id).parked, keys.job(job.id).ready)).toBe(0);
    });
  });

  it('holds a device in two groups to both caps; uncovered devices use the whole window', async () => {
    await withRedis(async (ctx) => {
      // group 1: "core" (cap 1); groups 2 and 3: two sites (cap 2); devices 9..14 in no group
      const ofDevice = [
        [2],
        [1, 2],
        [1, 3],
        [2],
        [2],
        [3],
        [3],
        [1, 3],
        [2],
        [],
        [],
        [],
        [],
        [],
        [],
      ];
      const { keys, job, coordinator, reader } = await storedJob(ctx, {
        devices: 15,
        concurrency: 10,
        groups: { caps: [1, 2, 2], ofDevice },
      });
      const watch = groupWatch(ctx, keys, job);
      await driveRun(ctx.redis, keys, coordinator, job, {
        outcome: succeed,
        pick: (n) => n - 1,
        afterStep: watch.check,
      });
      expect(watch.highest).toEqual([1, 2, 2]);
      expect(watch.highestInFlight()).toBeGreaterThanOrEqual(8);
      expect(await reader.stateCounts(job.id)).toEqual({ succeeded: 15 });
    });
  });

  it('skips the devices its groups held back when the job is cancelled', async () => {
    await withRedis(async (ctx) => {
      const { keys, job, coordinator, reader } = await storedJob(ctx, {
        devices: 6,
        concurrency: 5,
        groups: { caps: [1], ofDevice: [[1], [1], [1], [1], [1], [1]] },
      });
      const k = keys.job(job.id);
      const done = await passCanary(coordinator, job);
      expect(done.kind === 'ok' && done.dispatch.map((d) => d.deviceIndex)).toEqual([1]);
      expect(await ctx.redis.zrange(k.parked, 0, -1)).toEqual(['2', '3', '4', '5']);
      expect(Number((await reader.run(job.id)).parked)).toBe(4);
      await coordinator.control(job.id, 'cancel', 'op');
      if (done.kind !== 'ok') throw new Error(`the canary's step: ${done.kind}`);
      expect((await coordinator.begin(job.id, done.dispatch[0]!)).kind).toBe('skipped');
      expect((await reader.record(job.id))?.status).toBe('cancelled');
      expect(await reader.stateCounts(job.id)).toEqual({ succeeded: 1, skipped: 5 });
      expect(await ctx.redis.exists(k.parked, k.ready)).toBe(0);
    });
  });

  it('parks at most 500 devices per step (a bounded Redis call), and still runs every device', async () => {
    await withRedis(async (ctx) => {
      // the canary, then 1,199 devices of one group capped at 1, but for one near the end
      const ofDevice = Array.from({ length: 1200 }, (_, i) => (i === 1150 ? [] : [1]));
      const { keys, job, coordinator, reader } = await storedJob(ctx, {
        devices: 1200,
        concurrency: 10,
        budget: {},
        groups: { caps: [1], ofDevice },
      });
      const step = await passCanary(coordinator, job);
      expect(step.kind === 'ok' && step.dispatch.map((d) => d.deviceIndex)).toEqual([1]);
      expect(await ctx.redis.zcard(keys.job(job.id).parked)).toBe(500);
      expect(await ctx.redis.llen(keys.job(job.id).pending)).toBe(1200 - 2 - 500);
      const log = await driveRun(ctx.redis, keys, coordinator, job, {
        outcome: succeed,
        from: step.kind === 'ok' ? step.dispatch : [],
      });
      expect(log.maxRunning).toBeLessThanOrEqual(2);
      expect(await reader.stateCounts(job.id)).toEqual({ succeeded: 1200 });
    });
  });

  it('holds its invariants over random groups, caps, outcomes, pauses and interleavings', async () => {
    await withRedis(async (ctx) => {
      await fc.assert(
        fc.asyncProperty(
          fc.record({
            devices: fc.integer({ min: 1, max: 20 }),
            concurrency: fc.integer({ min: 1, max: 6 }),
            caps: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 4 }),
            membership: fc.array(fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }), {
              minLength: 20,
              maxLength: 20,
            }),
            waves: fc.option(
              fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 3 }),
              {
                nil: undefined,
              },
            ),
            failing: fc.array(fc.boolean(), { minLength: 20, maxLength: 20 }),
            pauseAt: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
            seed: fc.integer(),
          }),
          async (p) => {
            const ofDevice = p.membership
              .slice(0, p.devices)
              .map((m) => p.caps.flatMap((_, g) => (m[g] ? [g + 1] : [])));
            const { keys, job, coordinator, reader } = await storedJob(ctx, {
              devices: p.devices,
              concurrency: p.concurrency,
              waves: p.waves,
              budget: {},
              groups: { caps: p.caps, ofDevice },
            });
            const watch = groupWatch(ctx, keys, job);
            let seed = p.seed;
            const pick = (n: number): number => {
              seed = (seed * 1103515245 + 12345) & 0x7fffffff;
              return seed % n;
            };
            let paused = false;
            const resume = async () => {
              if (!paused) return [];
              paused = false;
              const reply = await coordinator.control(job.id, 'resume', 'op');
              return reply.kind === 'ok' ? reply.dispatch : [];
            };
            const log = await driveRun(ctx.redis, keys, coordinator, job, {
              // the canary passes (a failed one ends the job, as the other tests show)
              outcome: (i) => (i > 0 && p.failing[i] ? 'failed' : 'succeeded'),
              pick,
              afterStep: async (step) => {
                await watch.check();
                if (step === p.pauseAt) {
                  paused = (await coordinator.control(job.id, 'pause', 'op')).kind === 'ok';
                  return [];
                }
                return step === (p.pauseAt ?? -10) + 3 ? resume() : [];
              },
              onIdle: resume,
            });
            expect(log.beganBeforeCanary).toEqual([]);
            expect(watch.highestInFlight()).toBeLessThanOrEqual(p.concurrency);
            const states = [...(await reader.deviceStates(job.id)).values()];
            expect(states.every((s) => ['succeeded', 'failed'].includes(s))).toBe(true);
            expect(new Set(log.began).size).toBe(p.devices);
            expect(['completed', 'failed']).toContain((await reader.record(job.id))?.status);
            const k = keys.job(job.id);
            expect(await ctx.redis.exists(k.parked, k.ready, k.pending)).toBe(0);
          },
        ),
        { numRuns: 60 },
      );
    });
  });
});
