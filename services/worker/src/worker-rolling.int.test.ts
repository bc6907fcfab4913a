import { DeviceLeases, WorkerRegistry } from '@fleetpush/store';
import { freePort, waitUntil, withRedis } from '@fleetpush/testing';
import type { EngineHarness } from './__fixtures__/engine-harness';
import { withEngine } from './__fixtures__/engine-harness';
import {
  expectInvariants,
  FIVE_MORE_LINES,
  NTP,
  spawnHarnessWorker,
  waitForLiveWorkers,
} from './__fixtures__/fleet-invariants';
import { stateCounts } from './__fixtures__/observations';
import { stopWorkers, type WorkerProcess } from './__fixtures__/worker-process';

jest.setTimeout(240_000);

const CHANGE = [NTP, ...FIVE_MORE_LINES];

/** The registry id of a worker process (its heartbeat names its pid). */
async function workerId(h: EngineHarness, worker: WorkerProcess): Promise<string> {
  const live = await new WorkerRegistry(h.redis, h.keys).live();
  const id = live.find((w) => w.pid === worker.child.pid)?.id;
  if (!id) throw new Error(`worker ${worker.child.pid} has no heartbeat`);
  return id;
}

const TERMINAL = ['succeeded', 'failed', 'skipped', 'aborted'];

/** Indexes of the started, unfinished devices whose lease a worker holds now (its in-flight). */
async function devicesHeldBy(h: EngineHarness, jobId: string, id: string): Promise<number[]> {
  const leases = new DeviceLeases(h.redis, h.prefix);
  const held: number[] = [];
  for (const [index, state] of await h.reader.deviceStates(jobId)) {
    if (TERMINAL.includes(state) || state === 'pending' || state === 'queued') continue;
    const holder = await leases.holder((await h.reader.deviceKey(jobId, index))!);
    if (holder?.split('|')[3] === id) held.push(index);
  }
  return held;
}

/** Terminal devices of a job so far. */
async function finished(h: EngineHarness, jobId: string): Promise<number> {
  const counts = await stateCounts(h, jobId);
  return TERMINAL.reduce((n, s) => n + (counts[s] ?? 0), 0);
}

/** GET a worker's `/readyz`: status and body. */
async function readyz(port: number): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`http://127.0.0.1:${port}/readyz`);
  return { status: response.status, body: (await response.json()) as unknown };
}

describe('rolling restart of workers', () => {
  it('SIGTERM to each of three workers in turn during a 300-device job: none lost, none applied twice', () =>
    withRedis((ctx) =>
      withEngine(
        ctx,
        // 150 ms per command and 15 devices at a time: a device takes about 2 s and the job
        // outlasts three stop-and-replace turns (a replacement takes seconds to start).
        { devices: 300, platforms: ['cisco_ios'], faults: { commandLatencyMs: 150 } },
        async (h) => {
          const all: WorkerProcess[] = [];
          const spawn = (): WorkerProcess => {
            const worker = spawnHarnessWorker(h);
            all.push(worker);
            return worker;
          };
          const originals = [spawn(), spawn(), spawn()];
          try {
            await waitForLiveWorkers(h, 3);
            const jobId = await h.submit({
              commands: CHANGE,
              strategy: { concurrency: 15, stop_on_error: false },
            });
            const drainedBy = new Map<string, number[]>();
            for (const [turn, victim] of originals.entries()) {
              // Each SIGTERM lands mid-run, with devices in flight on the victim.
              const held = await waitUntil(
                async () => {
                  if ((await finished(h, jobId)) < 20 * (turn + 1)) return undefined;
                  const id = await workerId(h, victim);
                  const inFlight = await devicesHeldBy(h, jobId, id);
                  return inFlight.length > 0 ? { id, inFlight } : undefined;
                },
                {
                  timeoutMs: 90_000,
                  description: `turn ${turn}: the victim has devices in flight`,
                },
              );
              drainedBy.set(held.id, held.inFlight);
              victim.kill('SIGTERM');
              // The replacement, as a rolling upgrade starts it.
              spawn();
              // Drained, not forced: every in-flight device finished within the drain.
              expect(await victim.exited).toBe(0);
              await waitForLiveWorkers(h, 3);
            }
            expect(await h.waitForEnd(jobId, 120_000)).toBe('completed');
            expect(await expectInvariants(h, jobId, 300, false, CHANGE)).toEqual({
              succeeded: 300,
            });
            const results = await h.reader.results(jobId);
            // Nothing was left to recovery: no device was picked up again after a stop.
            const recovered = [...results.values()].filter(
              (r) => (r as { recovered_from?: string }).recovered_from !== undefined,
            );
            expect(recovered).toEqual([]);
            // What each victim had in flight at its SIGTERM, it finished itself.
            for (const [id, inFlight] of drainedBy) {
              for (const index of inFlight)
                expect((results.get(index) as { worker: string }).worker).toBe(id);
            }
            process.stdout.write(
              `rolling SIGTERM: in flight at each stop, drained by the stopping worker: ${[
                ...drainedBy.values(),
              ]
                .map((d) => d.length)
                .join(', ')}\n`,
            );
          } finally {
            await stopWorkers(all);
          }
        },
      ),
    ));

  it('the first SIGTERM drains (not ready, no new task, in-flight kept); a second forces', () =>
    withRedis((ctx) =>
      withEngine(ctx, { devices: 8, platforms: ['cisco_ios'] }, async (h) => {
        // Devices 1 and 2 hang on the change: they keep the first worker draining.
        for (const i of [1, 2]) h.fleet.device(i).setFaults({ hangOnCommand: 'ntp server' });
        const port = await freePort();
        // A drain timeout far beyond the test: only the second signal can end this worker.
        const first = spawnHarnessWorker(h, { httpPort: port, drainTimeoutMs: 600_000 });
        const workers = [first];
        try {
          await waitForLiveWorkers(h, 1);
          const firstId = await workerId(h, first);
          const stuck = await h.submit({
            commands: [NTP],
            strategy: { concurrency: 2, stop_on_error: false },
            timeouts: { command_ms: 120_000, device_ms: 180_000 },
          });
          await waitUntil(async () => (await devicesHeldBy(h, stuck, firstId)).join() === '1,2', {
            timeoutMs: 30_000,
            description: 'devices 1 and 2 in flight on the first worker',
          });
          expect((await readyz(port)).status).toBe(200);

          first.kill('SIGTERM');
          const draining = await waitUntil(
            async () => {
              const r = await readyz(port);
              return r.status === 503 ? r : undefined;
            },
            { timeoutMs: 10_000, description: 'the draining worker is not ready' },
          );
          expect(draining.body).toEqual({
            status: 'not_ready',
            checks: { redis: true, consuming: false },
          });
          // A second job is taken only by a new worker, while the draining one is still alive
          // with free slots. (Not on devices 1 and 2: the draining worker still holds and renews
          // their leases, so a run there would wait for them.)
          const free = h.fleet.devices.map((d) => d.key).filter((_, i) => i !== 1 && i !== 2);
          const second = await h.submit({ commands: ['logging host 10.1.1.1'], targets: free });
          const replacement = spawnHarnessWorker(h);
          workers.push(replacement);
          await waitForLiveWorkers(h, 1);
          const replacementId = await workerId(h, replacement);
          expect(await h.waitForEnd(second, 60_000)).toBe('completed');
          const takers = [...(await h.reader.results(second)).values()].map(
            (r) => (r as { worker: string }).worker,
          );
          expect(new Set(takers)).toEqual(new Set([replacementId]));
          // Still draining: alive, with the two devices still mid-apply.
          expect(first.child.exitCode).toBeNull();
          const states = await h.reader.deviceStates(stuck);
          expect([states.get(1), states.get(2)]).toEqual(['applying', 'applying']);

          // The second signal forces: the stuck devices are left to recovery elsewhere.
          for (const i of [1, 2]) h.fleet.device(i).setFaults({});
          first.kill('SIGTERM');
          expect(await first.exited).toBe(1);
          expect(first.output()).toContain('second signal');
          expect(await h.waitForEnd(stuck, 60_000)).toBe('failed');
          expect(await expectInvariants(h, stuck, 8)).toEqual({ succeeded: 6, failed: 2 });
          for (const i of [1, 2]) {
            const result = (await h.reader.results(stuck)).get(i) as {
              code: string;
              worker: string;
            };
            expect(result).toMatchObject({ code: 'uncertain_after_crash', worker: replacementId });
          }
        } finally {
          await stopWorkers(workers);
        }
      }),
    ));
});
