import { SKIP_REASONS } from '@fleetpush/domain';
import { withRedis } from '@fleetpush/testing';
import fc from 'fast-check';
import { driveRun, type SimOutcome } from './__fixtures__/drive-run';
import type { FixtureJobOptions } from './__fixtures__/job-fixture';
import { storedJob } from './__fixtures__/stored-job';

function counts(states: Map<number, string>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of states.values()) out[s] = (out[s] ?? 0) + 1;
  return out;
}

const all = (outcome: SimOutcome) => () => outcome;

describe('RunCoordinator', () => {
  it('runs the canary alone, then the rest within the window, and completes', async () => {
    await withRedis(async (ctx) => {
      const { keys, job, coordinator, reader, events } = await storedJob(ctx, {
        devices: 20,
        concurrency: 3,
      });
      const log = await driveRun(ctx.redis, keys, coordinator, job, {
        outcome: all('succeeded'),
        pick: (n) => n - 1,
      });
      expect(log.began[0]).toBe(0);
      expect(log.beganBeforeCanary).toEqual([]);
      expect(log.maxDispatched).toBe(3);
      expect(new Set(log.began).size).toBe(20);
      expect(counts(await reader.deviceStates(job.id))).toEqual({ succeeded: 20 });
      expect((await reader.record(job.id))?.status).toBe('completed');
      const page = await events.read(job.id, 0, 10_000);
      expect(page.events.map((e) => e.seq)).toEqual(page.events.map((_, i) => i + 1));
      expect(page.events.map((e) => e.type)).toEqual(
        expect.arrayContaining(['job:canary', 'job:wave']),
      );
      expect(page.events.at(-1)).toMatchObject({
        type: 'job:finished',
        status: 'completed',
        counts: { succeeded: 20 },
      });
    });
  });

  it('a failed canary touches no other device: the rest end skipped(canary_failed), the job fails', async () => {
    await withRedis(async (ctx) => {
      const { keys, job, coordinator, reader } = await storedJob(ctx, { devices: 10 });
      const log = await driveRun(ctx.redis, keys, coordinator, job, { outcome: all('failed') });
      expect(log.began).toEqual([0]);
      expect(counts(await reader.deviceStates(job.id))).toEqual({ failed: 1, skipped: 9 });
      const results = await reader.results(job.id);
      expect(results.get(5)).toEqual({
        state: 'skipped',
        skipReason: 'canary_failed',
        attempts: 0,
      });
      expect((await reader.record(job.id))?.status).toBe('failed');
    });
  });

  it('stops starting devices once a wave budget trips; in-flight finish; the rest are skipped', async () => {
    await withRedis(async (ctx) => {
      // 50 devices: canary 0 then one wave of 49; devices 3..10 fail; 2 failures tolerated.
      const { keys, job, coordinator, reader } = await storedJob(ctx, {
        devices: 50,
        concurrency: 1,
        budget: { maxFailures: 2 },
      });
      const failing = (i: number): SimOutcome => (i >= 3 && i <= 10 ? 'failed' : 'succeeded');
      const log = await driveRun(ctx.redis, keys, coordinator, job, { outcome: failing });
      // With a window of 1 the trip happens at the 3rd failure (device 5), and nothing starts after it.
      expect(log.began).toEqual([0, 1, 2, 3, 4, 5]);
      expect(counts(await reader.deviceStates(job.id))).toEqual({
        succeeded: 3,
        failed: 3,
        skipped: 44,
      });
      expect((await reader.results(job.id)).get(6)).toMatchObject({
        skipReason: 'budget_exceeded',
      });
      expect((await reader.record(job.id))?.status).toBe('failed');
    });
  });

  it('pause sends undelivered devices back to pending; resume continues; nobody begins twice', async () => {
    await withRedis(async (ctx) => {
      const { keys, job, coordinator, reader } = await storedJob(ctx, {
        devices: 12,
        concurrency: 4,
      });
      let paused = false;
      const log = await driveRun(ctx.redis, keys, coordinator, job, {
        outcome: all('succeeded'),
        afterStep: async (step) => {
          if (step === 3 && !paused) {
            paused = true;
            expect((await coordinator.control(job.id, 'pause', 'op')).kind).toBe('ok');
            expect((await reader.record(job.id))?.status).toBe('paused');
          }
        },
      });
      // The driver ran dry while paused: the run waits, it has not finished.
      expect((await reader.record(job.id))?.status).toBe('paused');
      const pendingBefore = counts(await reader.deviceStates(job.id)).pending ?? 0;
      expect(pendingBefore).toBeGreaterThan(0);
      // paused mid-run (requeued devices, some in flight): the counters follow every change
      expect(await reader.stateCounts(job.id)).toEqual(counts(await reader.deviceStates(job.id)));
      const resumed = await coordinator.control(job.id, 'resume', 'op');
      if (resumed.kind !== 'ok') throw new Error(resumed.kind);
      expect(resumed.dispatch.length).toBeGreaterThan(0);
      // Deliver the resumed dispatches to completion.
      let queue = [...resumed.dispatch];
      while (queue.length > 0) {
        const next = [];
        for (const d of queue) {
          const b = await coordinator.begin(job.id, d);
          if (b.kind !== 'go') continue;
          log.began.push(d.deviceIndex);
          const r = await coordinator.complete(
            job.id,
            d,
            'succeeded',
            {},
            { deviceKey: job.devices[d.deviceIndex]!.key, state: 'succeeded', attempts: 1 },
          );
          if (r.kind === 'ok') next.push(...r.dispatch);
        }
        queue = next;
      }
      expect(log.began.length).toBe(12);
      expect(new Set(log.began).size).toBe(12);
      expect((await reader.record(job.id))?.status).toBe('completed');
    });
  });

  it('cancel lets in-flight devices finish and skips the rest; the job ends cancelled', async () => {
    await withRedis(async (ctx) => {
      const { keys, job, coordinator, reader } = await storedJob(ctx, {
        devices: 10,
        concurrency: 2,
      });
      const started = (await coordinator.start(job.id, 'op'))!;
      expect((await coordinator.begin(job.id, started[0]!)).kind).toBe('go');
      const afterCanary = await coordinator.complete(
        job.id,
        started[0]!,
        'succeeded',
        {},
        { deviceKey: job.devices[0]!.key, state: 'succeeded', attempts: 1 },
      );
      if (afterCanary.kind !== 'ok') throw new Error(afterCanary.kind);
      const [a, b] = afterCanary.dispatch;
      expect((await coordinator.begin(job.id, a!)).kind).toBe('go');
      const cancel = await coordinator.control(job.id, 'cancel', 'op', 'wrong change');
      expect(cancel).toMatchObject({ kind: 'ok', status: 'cancelling' });
      // A delivered-but-not-begun device is skipped at begin; the in-flight one finishes.
      expect((await coordinator.begin(job.id, b!)).kind).toBe('skipped');
      expect((await reader.record(job.id))?.status).toBe('cancelling');
      const done = await coordinator.complete(
        job.id,
        a!,
        'succeeded',
        {},
        { deviceKey: job.devices[a!.deviceIndex]!.key, state: 'succeeded', attempts: 1 },
      );
      expect(done).toMatchObject({ kind: 'ok', finished: 'cancelled', dispatch: [] });
      expect(counts(await reader.deviceStates(job.id))).toEqual({ succeeded: 2, skipped: 8 });
      expect((await reader.results(job.id)).get(9)).toMatchObject({ skipReason: 'cancelled' });
      expect((await reader.record(job.id))?.status).toBe('cancelled');
      expect(await ctx.redis.zcard(keys.job(job.id).dispatched)).toBe(0);
    });
  });

  it('holds for approval after a good canary when asked, and resume is the approval', async () => {
    await withRedis(async (ctx) => {
      const { job, coordinator, reader, events } = await storedJob(ctx, {
        devices: 5,
        pauseAfterCanary: true,
      });
      const [canary] = (await coordinator.start(job.id, 'op'))!;
      await coordinator.begin(job.id, canary!);
      const r = await coordinator.complete(
        job.id,
        canary!,
        'succeeded',
        {},
        { deviceKey: job.devices[0]!.key, state: 'succeeded', attempts: 1 },
      );
      expect(r).toMatchObject({ kind: 'ok', dispatch: [] });
      expect((await reader.record(job.id))?.status).toBe('paused');
      const evs = (await events.read(job.id)).events;
      expect(evs).toContainEqual(
        expect.objectContaining({ type: 'job:canary', verdict: 'passed', awaitingApproval: true }),
      );
      const resumed = await coordinator.control(job.id, 'resume', 'approver');
      expect(resumed).toMatchObject({ kind: 'ok', status: 'running' });
      if (resumed.kind === 'ok') expect(resumed.dispatch).toHaveLength(4);
    });
  });

  it('keeps the stagger clock to the microsecond (a start time is 16 digits; Lua prints 14)', async () => {
    await withRedis(async (ctx) => {
      const { job, keys, coordinator, reader } = await storedJob(ctx, { devices: 2, staggerMs: 5 });
      const [canary] = (await coordinator.start(job.id, 'op'))!;
      expect((await coordinator.begin(job.id, canary!)).kind).toBe('go');
      const started = (await reader.startTimesUs(job.id)).get(canary!.deviceIndex)!;
      const stored = await ctx.redis.hget(keys.job(job.id).run, 'lastStartUs');
      expect(stored).toBe(String(started));
    });
  });

  it('ends a device exactly once and fences stale deliveries', async () => {
    await withRedis(async (ctx) => {
      const { job, coordinator } = await storedJob(ctx, {
        devices: 3,
        concurrency: 2,
        budget: { maxFailures: 5 },
      });
      const [canary] = (await coordinator.start(job.id, 'op'))!;
      expect(await coordinator.begin(job.id, canary!)).toEqual({ kind: 'go', attempt: 1 });
      // A duplicate delivery of the same generation mid-session is a crash recovery, not a second start.
      expect(await coordinator.begin(job.id, canary!)).toEqual({
        kind: 'recover',
        state: 'connecting',
        attempt: 1,
      });
      const event = { deviceKey: job.devices[0]!.key, state: 'succeeded', attempts: 1 };
      expect((await coordinator.complete(job.id, canary!, 'succeeded', {}, event)).kind).toBe('ok');
      expect(await coordinator.complete(job.id, canary!, 'succeeded', {}, event)).toEqual({
        kind: 'duplicate',
      });
      expect(await coordinator.begin(job.id, canary!)).toEqual({ kind: 'drop' });
    });
  });

  it('a retry keeps the device in flight under a new generation; the old delivery is dropped', async () => {
    await withRedis(async (ctx) => {
      const { job, coordinator, reader } = await storedJob(ctx, { devices: 3, concurrency: 1 });
      const [canary] = (await coordinator.start(job.id, 'op'))!;
      await coordinator.begin(job.id, canary!);
      const r = await coordinator.complete(
        job.id,
        canary!,
        'succeeded',
        {},
        { deviceKey: job.devices[0]!.key, state: 'succeeded', attempts: 1 },
      );
      if (r.kind !== 'ok') throw new Error(r.kind);
      const [first] = r.dispatch;
      expect(await coordinator.begin(job.id, first!)).toEqual({ kind: 'go', attempt: 1 });
      const retry = await coordinator.retry(job.id, first!, 'connection_timeout, retrying');
      expect(retry).toEqual({ kind: 'ok', generation: first!.generation + 1 });
      expect(await coordinator.begin(job.id, first!)).toEqual({ kind: 'drop' });
      const second = { deviceIndex: first!.deviceIndex, generation: first!.generation + 1 };
      expect(await coordinator.begin(job.id, second)).toEqual({ kind: 'go', attempt: 2 });
      expect((await coordinator.journal(job.id, first!, 'pre_check')).kind).toBe('stale');
      expect((await coordinator.journal(job.id, second, 'pre_check')).kind).toBe('ok');
      expect((await coordinator.journal(job.id, second, 'post_check')).kind).toBe('invalid');
      expect((await reader.run(job.id)).inFlight).toBe('1');
      expect(await reader.stateCounts(job.id)).toEqual({
        succeeded: 1,
        pre_check: 1,
        pending: 1,
      });
    });
  });

  it('appends the log lines handed to journal and complete before their own events, even when stale', async () => {
    await withRedis(async (ctx) => {
      const { job, coordinator, events } = await storedJob(ctx, { devices: 2, concurrency: 1 });
      const deviceKey = job.devices[0]!.key;
      const log = (line: string) => ({
        type: 'log' as const,
        jobId: job.id,
        deviceKey,
        level: 'info' as const,
        lines: [line],
      });
      const [canary] = (await coordinator.start(job.id, 'op'))!;
      await coordinator.begin(job.id, canary!);
      await coordinator.journal(job.id, canary!, 'pre_check', [log('R1#terminal length 0')]);
      const stale = { ...canary!, generation: canary!.generation + 1 };
      expect((await coordinator.journal(job.id, stale, 'applying', [log('late')])).kind).toBe(
        'stale',
      );
      await coordinator.complete(
        job.id,
        canary!,
        'succeeded',
        {},
        { deviceKey, state: 'succeeded', attempts: 1 },
        [log('R1#show running-config')],
      );
      const page = await events.read(job.id, 0, 100);
      const ofDevice = page.events
        .filter((e) => 'deviceKey' in e && e.deviceKey === deviceKey)
        .map((e) =>
          e.type === 'log' ? e.lines[0] : e.type === 'device:status' ? e.state : e.type,
        );
      expect(ofDevice).toEqual([
        'queued',
        'connecting',
        'R1#terminal length 0',
        'pre_check',
        'late',
        'R1#show running-config',
        'device:result',
        'job:canary',
      ]);
      expect(page.events.map((e) => e.seq)).toEqual(page.events.map((_, i) => i + 1));
      expect(page.events.every((e) => e.jobId === job.id)).toBe(true);
    });
  });

  it('counts a job stored before the state counters existed device by device', async () => {
    await withRedis(async (ctx) => {
      const { keys, job, coordinator, reader, events } = await storedJob(ctx, {
        devices: 6,
        concurrency: 2,
      });
      await ctx.redis.del(keys.job(job.id).deviceCounts);
      await driveRun(ctx.redis, keys, coordinator, job, {
        outcome: (i) => (i === 3 ? 'failed' : 'succeeded'),
        pick: (n) => n - 1,
      });
      // no partial counters were started for it: the reader and job:finished count the states
      expect(await ctx.redis.exists(keys.job(job.id).deviceCounts)).toBe(0);
      const states = counts(await reader.deviceStates(job.id));
      expect(states).toMatchObject({ failed: 1 });
      expect(Object.values(states).reduce((a, b) => a + b, 0)).toBe(6);
      expect(await reader.stateCounts(job.id)).toEqual(states);
      const page = await events.read(job.id, 0, 1_000);
      expect(page.events.at(-1)).toMatchObject({ type: 'job:finished', counts: states });
    });
  });

  it('keeps device starts at least stagger_ms apart on the Redis clock', async () => {
    await withRedis(async (ctx) => {
      const { job, coordinator, reader } = await storedJob(ctx, {
        devices: 6,
        concurrency: 5,
        staggerMs: 40,
      });
      const [canary] = (await coordinator.start(job.id, 'op'))!;
      await coordinator.begin(job.id, canary!);
      const r = await coordinator.complete(
        job.id,
        canary!,
        'succeeded',
        {},
        { deviceKey: job.devices[0]!.key, state: 'succeeded', attempts: 1 },
      );
      if (r.kind !== 'ok') throw new Error(r.kind);
      await Promise.all(
        r.dispatch.map(async (d) => {
          for (;;) {
            const b = await coordinator.begin(job.id, d);
            if (b.kind === 'go') return;
            if (b.kind !== 'wait') throw new Error(b.kind);
            await new Promise((resolve) => setTimeout(resolve, b.ms));
          }
        }),
      );
      // The start times `begin` recorded on the Redis clock (µs), not when the replies arrived.
      const starts = [...(await reader.startTimesUs(job.id)).entries()]
        .filter(([index]) => index !== 0)
        .map(([, us]) => us / 1000)
        .sort((a, b) => a - b);
      for (let i = 1; i < starts.length; i += 1)
        expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(40);
      expect(Number((await reader.run(job.id)).inFlight)).toBe(5);
    });
  });

  it('refuses control actions the state does not allow, and repeats are no-ops', async () => {
    await withRedis(async (ctx) => {
      const { job, coordinator } = await storedJob(ctx, { devices: 3 });
      expect(await coordinator.control(job.id, 'pause', 'op')).toEqual({
        kind: 'invalid',
        status: 'queued',
      });
      await coordinator.start(job.id, 'op');
      expect((await coordinator.control(job.id, 'pause', 'op')).kind).toBe('ok');
      expect(await coordinator.control(job.id, 'pause', 'op')).toEqual({
        kind: 'noop',
        status: 'paused',
      });
      expect((await coordinator.control(job.id, 'terminate', 'op')).kind).toBe('ok');
      expect(await coordinator.control(job.id, 'resume', 'op')).toEqual({
        kind: 'invalid',
        status: 'cancelling',
      });
    });
  });

  it('cancelling a queued job skips every device at once', async () => {
    await withRedis(async (ctx) => {
      const { job, coordinator, reader } = await storedJob(ctx, { devices: 4 });
      expect(await coordinator.control(job.id, 'cancel', 'op')).toMatchObject({
        kind: 'ok',
        status: 'cancelled',
      });
      expect(counts(await reader.deviceStates(job.id))).toEqual({ skipped: 4 });
      expect(await coordinator.start(job.id, 'op')).toBeNull();
    });
  });

  it('holds its invariants over random plans, outcomes and interleavings', async () => {
    await withRedis(async (ctx) => {
      await fc.assert(
        fc.asyncProperty(
          fc.record({
            devices: fc.integer({ min: 1, max: 25 }),
            concurrency: fc.integer({ min: 1, max: 6 }),
            waves: fc.option(
              fc.array(
                fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constantFrom('10%', '50%', '100%')),
                { minLength: 1, maxLength: 3 },
              ),
              { nil: undefined },
            ),
            maxFailures: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
            failing: fc.array(fc.boolean(), { minLength: 25, maxLength: 25 }),
            seed: fc.integer(),
          }),
          async (p) => {
            const { keys, job, coordinator, reader } = await storedJob(ctx, {
              devices: p.devices,
              concurrency: p.concurrency,
              waves: p.waves as FixtureJobOptions['waves'],
              budget: p.maxFailures === undefined ? {} : { maxFailures: p.maxFailures },
            });
            let seed = p.seed;
            const pick = (n: number): number => {
              seed = (seed * 1103515245 + 12345) & 0x7fffffff;
              return seed % n;
            };
            const log = await driveRun(ctx.redis, keys, coordinator, job, {
              outcome: (i) => (p.failing[i] ? 'failed' : 'succeeded'),
              pick,
            });
            expect(log.maxDispatched).toBeLessThanOrEqual(p.concurrency);
            expect(log.beganBeforeCanary).toEqual([]);
            expect(new Set(log.began).size).toBe(log.began.length);
            const states = await reader.deviceStates(job.id);
            expect(
              [...states.values()].every((s) => ['succeeded', 'failed', 'skipped'].includes(s)),
            ).toBe(true);
            expect(states.size).toBe(p.devices);
            const status = (await reader.record(job.id))?.status;
            expect(['completed', 'failed']).toContain(status);
            const c = counts(states);
            expect(await reader.stateCounts(job.id)).toEqual(c);
            expect(status === 'completed').toBe((c.failed ?? 0) === 0 && (c.skipped ?? 0) === 0);
            for (const result of (await reader.results(job.id)).values()) {
              const r = result as { state: string; skipReason?: string };
              if (r.state === 'skipped') expect(SKIP_REASONS).toContain(r.skipReason);
            }
          },
        ),
        { numRuns: 60 },
      );
    });
  });
});
