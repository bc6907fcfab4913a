import { WorkerRegistry } from '@fleetpush/store';
import { waitUntil } from '@fleetpush/testing';
import type { EngineHarness } from './engine-harness';
import { stateCounts } from './observations';
import { spawnWorker, type SpawnWorkerOptions, type WorkerProcess } from './worker-process';

/** The change every chaos test pushes: its presence in a device's ledger marks the apply. */
export const NTP = 'ntp server 10.9.9.9';

/** Five more config lines, for a change that takes a while to apply. */
export const FIVE_MORE_LINES = [
  'logging host 10.1.1.1',
  'snmp-server location lab',
  'ip domain-name example.net',
  'ntp server 10.9.9.10',
  'logging host 10.1.1.2',
];

/** Spawns one worker process of the harness (concurrency 40 unless told). */
export function spawnHarnessWorker(
  h: EngineHarness,
  options: Partial<SpawnWorkerOptions> = {},
): WorkerProcess {
  return spawnWorker({
    redisUrl: h.url,
    prefix: h.prefix,
    secretKey: h.secretKey,
    concurrency: 40,
    ...options,
  });
}

/** Waits until `count` workers are consuming (their heartbeats are in Redis). */
export async function waitForLiveWorkers(h: EngineHarness, count: number): Promise<void> {
  const registry = new WorkerRegistry(h.redis, h.keys);
  await waitUntil(async () => (await registry.live()).length === count, {
    timeoutMs: 60_000,
    description: `${count} workers live`,
  });
}

/** Starts worker processes and waits until every one is consuming (its heartbeat is in Redis). */
export async function startWorkers(h: EngineHarness, count: number): Promise<WorkerProcess[]> {
  const workers = Array.from({ length: count }, () => spawnHarnessWorker(h));
  await waitForLiveWorkers(h, count);
  return workers;
}

/**
 * Every device of the job ended exactly once, and no device got any of `lines` twice (from the
 * simulator's mutation ledger), unless the job consented to re-apply on recovery; the job's
 * state counters agree with its devices' states.
 */
export async function expectInvariants(
  h: EngineHarness,
  jobId: string,
  devices: number,
  reapply = false,
  lines: readonly string[] = [NTP],
): Promise<Record<string, number>> {
  const states = await h.reader.deviceStates(jobId);
  expect(states.size).toBe(devices);
  expect(
    [...states.values()].every((s) => ['succeeded', 'failed', 'skipped', 'aborted'].includes(s)),
  ).toBe(true);
  expect(await h.reader.dispatched(jobId)).toEqual([]);
  const results = await h.reader.results(jobId);
  for (const [index, device] of h.fleet.devices.entries()) {
    const result = results.get(index) as { state: string; code?: string; recovered_from?: string };
    for (const line of lines) {
      const applied = device.ledger.count(line);
      // Only a device recovered with the job's consent to re-apply may see the change twice.
      expect(applied).toBeLessThanOrEqual(reapply && result.recovered_from ? 2 : 1);
      if (result.state === 'succeeded') expect(applied).toBeGreaterThanOrEqual(1);
      if (result.state === 'skipped') expect(applied).toBe(0);
    }
    if (result.state === 'failed')
      expect(['uncertain_after_crash', 'command_timeout']).toContain(result.code);
  }
  const counts = await stateCounts(h, jobId);
  // the counters the API reads agree with the devices' own states
  expect(await h.reader.stateCounts(jobId)).toEqual(counts);
  return counts;
}
