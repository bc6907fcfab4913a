import { startPrivateRedis, waitUntil, withRedis } from '@fleetpush/testing';
import { DeviceLeases, WorkerRegistry } from '@fleetpush/store';
import { Redis } from 'ioredis';
import {
  expectInvariants,
  FIVE_MORE_LINES,
  NTP,
  startWorkers,
} from './__fixtures__/fleet-invariants';
import { EngineHarness, withEngine } from './__fixtures__/engine-harness';
import { stateCounts } from './__fixtures__/observations';
import { stopWorkers, type WorkerProcess } from './__fixtures__/worker-process';

jest.setTimeout(180_000);

/** Pids of worker processes holding a stalled device mid-apply right now (from the devices' leases). */
async function pidsMidApply(h: EngineHarness, jobId: string): Promise<number[]> {
  const leases = new DeviceLeases(h.redis, h.prefix);
  const live = await new WorkerRegistry(h.redis, h.keys).live();
  const pids = new Set<number>();
  for (const [index, state] of await h.reader.deviceStates(jobId)) {
    // Stalled devices stay mid-apply for seconds: the kill cannot miss them.
    if (state !== 'applying' || index % 10 !== 5) continue;
    const holder = await leases.holder((await h.reader.deviceKey(jobId, index))!);
    const pid = live.find((w) => w.id === holder?.split('|')[3])?.pid;
    if (pid !== undefined) pids.add(pid);
  }
  return [...pids].sort((a, b) => a - b);
}

/** Waits until some worker holds a stalled device mid-apply; `seed` picks which one dies. */
async function workerMidApply(
  h: EngineHarness,
  jobId: string,
  workers: WorkerProcess[],
  seed: number,
): Promise<WorkerProcess> {
  const pids = await waitUntil(
    async () => {
      const found = await pidsMidApply(h, jobId);
      return found.length > 0 ? found : undefined;
    },
    { timeoutMs: 60_000, description: 'a worker holding a device mid-apply' },
  );
  const victim = workers.find((w) => w.child.pid === pids[seed % pids.length]);
  if (!victim) throw new Error('no worker process matches the lease holder');
  return victim;
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
          const workers = await startWorkers(h, 3);
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

  it.each([
    [1, false],
    [2, false],
    [3, true],
  ])(
    'survives kill -9 of one worker of three mid-apply (seed %i, reapply_on_recovery %s)',
    (seed, reapply) =>
      withRedis((ctx) =>
        withEngine(
          ctx,
          { devices: 300, platforms: ['cisco_ios'], faults: { commandLatencyMs: 10 } },
          async (h) => {
            // Every 10th device stalls on its third config line, so some are surely mid-apply at the kill.
            for (let i = 5; i < 300; i += 10)
              h.fleet
                .device(i)
                .setFaults({ commandLatencyMs: 10, hangOnCommand: 'snmp-server location' });
            const workers = await startWorkers(h, 3);
            try {
              const jobId = await h.submit({
                commands: [NTP, ...FIVE_MORE_LINES],
                strategy: { concurrency: 45, stop_on_error: false },
                timeouts: { command_ms: 4_000, device_ms: 60_000 },
                reapply_on_recovery: reapply,
              });
              const applying = async () =>
                [...(await h.reader.deviceStates(jobId)).values()].filter((s) => s === 'applying')
                  .length;
              await waitUntil(async () => (await applying()) >= 9, {
                timeoutMs: 60_000,
                description: '9 devices applying',
              });
              await new Promise((resolve) => setTimeout(resolve, seededDelay(seed, 0, 200)));
              // The victim is a worker holding a device mid-apply at this moment.
              const victim = await workerMidApply(h, jobId, workers, seed);
              victim.kill('SIGKILL');
              const killedAt = Date.now();
              await h.waitForEnd(jobId, 120_000);
              const elapsed = Date.now() - killedAt;
              const counts = await expectInvariants(h, jobId, 300, reapply);
              const results = [...(await h.reader.results(jobId)).values()] as Array<{
                recovered_from?: string;
                code?: string;
              }>;
              const midApply = results.filter(
                (r) => r.recovered_from === 'applying' || r.recovered_from === 'post_check',
              );
              expect(midApply.length).toBeGreaterThan(0);
              if (!reapply) for (const r of midApply) expect(r.code).toBe('uncertain_after_crash');
              process.stdout.write(
                `kill -9 (seed ${seed}, reapply ${reapply}): job ended ${elapsed} ms after the kill; ` +
                  `${results.filter((r) => r.recovered_from).length} devices recovered, ${midApply.length} of them mid-apply; ${JSON.stringify(counts)}\n`,
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
    const workers = await startWorkers(h, 2);
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
