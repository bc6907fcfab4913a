import { startPrivateRedis, waitUntil, withRedis } from '@fleetpush/testing';
import { Redis } from 'ioredis';
import { EngineHarness, withEngine } from './__fixtures__/engine-harness';
import { stateCounts } from './__fixtures__/observations';
import { spawnWorker, stopWorkers, type WorkerProcess } from './__fixtures__/worker-process';

jest.setTimeout(180_000);

const NTP = 'ntp server 10.9.9.9';

function startWorkers(h: EngineHarness, count: number): WorkerProcess[] {
  return Array.from({ length: count }, () =>
    spawnWorker({ redisUrl: h.url, prefix: h.prefix, secretKey: h.secretKey, concurrency: 40 }),
  );
}

/** Every device of the job ended exactly once, and no device got the change twice. */
async function expectInvariants(
  h: EngineHarness,
  jobId: string,
  devices: number,
): Promise<Record<string, number>> {
  const states = await h.reader.deviceStates(jobId);
  expect(states.size).toBe(devices);
  expect(
    [...states.values()].every((s) => ['succeeded', 'failed', 'skipped', 'aborted'].includes(s)),
  ).toBe(true);
  expect(await h.reader.dispatched(jobId)).toEqual([]);
  const results = await h.reader.results(jobId);
  for (const [index, device] of h.fleet.devices.entries()) {
    const applied = device.ledger.count(NTP);
    const result = results.get(index) as { state: string; code?: string; recovered_from?: string };
    // Only a device recovered with the job's consent to re-apply may see the change twice.
    expect(applied).toBeLessThanOrEqual(reapply && result.recovered_from ? 2 : 1);
    if (result.state === 'succeeded') expect(applied).toBeGreaterThanOrEqual(1);
    if (result.state === 'skipped') expect(applied).toBe(0);
    if (result.state === 'failed') expect(result.code).toBe('uncertain_after_crash');
  }
  return stateCounts(h, jobId);
}

function seededDelay(seed: number, minMs: number, maxMs: number): number {
  const x = Math.sin(seed * 9301 + 49297) * 233280;
  return minMs + Math.floor((x - Math.floor(x)) * (maxMs - minMs));
}

describe('workers as separate processes', () => {
  it('three workers share a 300-device job; each does a share; every device ends exactly once', () =>
    withRedis((ctx) =>
      withEngine(
        ctx,
        { devices: 300, platforms: ['cisco_ios'], faults: { commandLatencyMs: 5 } },
        async (h) => {
          const workers = startWorkers(h, 3);
          try {
            const jobId = await h.submit({ commands: [NTP], strategy: { concurrency: 60 } });
            expect(await h.waitForEnd(jobId, 120_000)).toBe('completed');
            expect(await expectInvariants(h, jobId, 300)).toEqual({ succeeded: 300 });
            const byWorker = new Map<string, number>();
            for (const r of (await h.reader.results(jobId)).values()) {
              const worker = (r as { worker: string }).worker;
              byWorker.set(worker, (byWorker.get(worker) ?? 0) + 1);
            }
            expect(byWorker.size).toBe(3);
            for (const share of byWorker.values()) expect(share).toBeGreaterThan(10);
          } finally {
            await stopWorkers(workers);
          }
        },
      ),
    ));

  const IN_SESSION = ['connecting', 'pre_check', 'applying', 'post_check'];

  it.each([
    [1, false],
    [2, false],
    [3, true],
  ])(
    'survives kill -9 of one worker of three mid-run (seed %i, reapply_on_recovery %s)',
    (seed, reapply) =>
      withRedis((ctx) =>
        withEngine(
          ctx,
          { devices: 300, platforms: ['cisco_ios'], faults: { commandLatencyMs: 15 } },
          async (h) => {
            const workers = startWorkers(h, 3);
            try {
              const jobId = await h.submit({
                commands: [NTP],
                strategy: { concurrency: 45, stop_on_error: false },
                reapply_on_recovery: reapply,
              });
              const inSession = async () =>
                [...(await h.reader.deviceStates(jobId)).values()].filter((s) =>
                  IN_SESSION.includes(s),
                ).length;
              await waitUntil(async () => (await inSession()) >= 30, {
                timeoutMs: 60_000,
                description: '30 devices in session',
              });
              await new Promise((resolve) => setTimeout(resolve, seededDelay(seed, 0, 200)));
              workers[seed % 3]!.kill('SIGKILL');
              const killedAt = Date.now();
              await h.waitForEnd(jobId, 120_000);
              const elapsed = Date.now() - killedAt;
              const counts = await expectInvariants(h, jobId, 300, reapply);
              const results = [...(await h.reader.results(jobId)).values()] as Array<{
                recovered_from?: string;
              }>;
              const recovered = results.filter((r) => r.recovered_from !== undefined).length;
              expect(recovered).toBeGreaterThan(0);
              process.stdout.write(
                `kill -9 (seed ${seed}, reapply ${reapply}): job ended ${elapsed} ms after the kill; ${recovered} devices recovered; ${JSON.stringify(counts)}\n`,
              );
            } finally {
              await stopWorkers(workers);
            }
          },
        ),
      ),
  );

  it('resumes by itself after Redis is restarted mid-job (AOF on)', async () => {
    const server = await startPrivateRedis({ appendOnly: true });
    const redis = new Redis(server.url, { maxRetriesPerRequest: null });
    redis.on('error', () => undefined);
    const prefix = `fptest-restart-${Date.now()}`;
    const h = await EngineHarness.start(redis, server.url, prefix, {
      devices: 120,
      platforms: ['cisco_ios'],
      faults: { commandLatencyMs: 20 },
    });
    const workers = startWorkers(h, 2);
    try {
      const jobId = await h.submit({
        commands: [NTP],
        strategy: { concurrency: 20, stop_on_error: false },
      });
      await waitUntil(async () => ((await stateCounts(h, jobId)).succeeded ?? 0) >= 20, {
        timeoutMs: 30_000,
      });
      await server.stop();
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      await server.restart();
      expect(['completed', 'failed']).toContain(await h.waitForEnd(jobId, 120_000));
      const counts = await expectInvariants(h, jobId, 120);
      expect(counts.succeeded).toBeGreaterThan(100);
    } finally {
      await stopWorkers(workers);
      await h.close();
      redis.disconnect();
      await server.close();
    }
  });
});
