import type { FleetEvent } from '@fleetpush/contracts';
import type { SimDevice } from '@fleetpush/device-sim';
import type { EngineHarness } from './engine-harness';

/** Largest number of SSH sessions open at once across `devices` (from the simulator's records). */
export function maxConcurrentSessions(devices: readonly SimDevice[]): number {
  const edges: Array<[number, number]> = [];
  for (const device of devices) {
    for (const s of device.sessions()) {
      edges.push([s.openedAt, 1]);
      edges.push([s.closedAt ?? Number.MAX_SAFE_INTEGER, -1]);
    }
  }
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let open = 0;
  let max = 0;
  for (const [, delta] of edges) {
    open += delta;
    max = Math.max(max, open);
  }
  return max;
}

/** Every event of a job, in order. */
export async function allEvents(h: EngineHarness, jobId: string): Promise<FleetEvent[]> {
  return (await h.events.read(jobId, 0, 1_000_000)).events;
}

/** Counts of device states of a job. */
export async function stateCounts(
  h: EngineHarness,
  jobId: string,
): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const state of (await h.reader.deviceStates(jobId)).values())
    out[state] = (out[state] ?? 0) + 1;
  return out;
}

/** The Redis clock now, in µs (the clock device start times are recorded on). */
export async function redisNowUs(h: EngineHarness): Promise<number> {
  const [sec, usec] = (await h.redis.time()) as [number | string, number | string];
  return Number(sec) * 1_000_000 + Number(usec);
}
