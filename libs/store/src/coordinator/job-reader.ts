import type { DeviceState } from '@fleetpush/domain';
import type { Redis } from 'ioredis';
import type { RedisKeys } from '../redis-keys';
import type { Dispatch } from './coordinator-replies';

/** Results read per HSCAN round by {@link JobReader.devicesWhose} (~8 KB each). */
const RESULT_SCAN_BATCH = 200;

/** A job record as stored (strings, as Redis keeps them). */
export type JobRecord = Record<string, string>;

/** Read access to a job's stored state, for workers, the API and tests. */
export class JobReader {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  /** The job record, or `null` when there is no such job. */
  async record(jobId: string): Promise<JobRecord | null> {
    const record = await this.redis.hgetall(this.keys.job(jobId).record);
    return Object.keys(record).length > 0 ? record : null;
  }

  /** The run's scheduling state hash. */
  async run(jobId: string): Promise<Record<string, string>> {
    return this.redis.hgetall(this.keys.job(jobId).run);
  }

  /** Every device's state, by index. */
  async deviceStates(jobId: string): Promise<Map<number, DeviceState>> {
    const raw = await this.redis.hgetall(this.keys.job(jobId).deviceState);
    return new Map(Object.entries(raw).map(([i, s]) => [Number(i), s as DeviceState]));
  }

  /** One device's state (`null` when the job has no such device). */
  async deviceState(jobId: string, deviceIndex: number): Promise<DeviceState | null> {
    const state = await this.redis.hget(this.keys.job(jobId).deviceState, String(deviceIndex));
    return state as DeviceState | null;
  }

  /**
   * Devices by state (`pending`, `succeeded`, …), from the counters every state change keeps:
   * one small read whatever the job's size. A job stored before the counters existed is
   * counted device by device.
   */
  async stateCounts(jobId: string): Promise<Record<string, number>> {
    const raw = await this.redis.hgetall(this.keys.job(jobId).deviceCounts);
    if (Object.keys(raw).length === 0) return tally((await this.deviceStates(jobId)).values());
    return positiveCounts(raw);
  }

  /** {@link stateCounts} of several jobs in one round trip (for lists); by job id. */
  async stateCountsOf(jobIds: readonly string[]): Promise<Map<string, Record<string, number>>> {
    const pipeline = this.redis.pipeline();
    for (const id of jobIds) pipeline.hgetall(this.keys.job(id).deviceCounts);
    const replies = (await pipeline.exec()) ?? [];
    const counted = await Promise.all(
      jobIds.map(async (id, i) => {
        const [error, raw] = replies[i] ?? [null, {}];
        const counters = (error ? {} : raw) as Record<string, string>;
        const counts =
          Object.keys(counters).length > 0 ? positiveCounts(counters) : await this.stateCounts(id);
        return [id, counts] as const;
      }),
    );
    return new Map(counted);
  }

  /** One device's stored result (`null` while it has none). */
  async result(jobId: string, deviceIndex: number): Promise<unknown> {
    const raw = await this.redis.hget(this.keys.job(jobId).results, String(deviceIndex));
    return raw === null ? null : (JSON.parse(raw) as unknown);
  }

  /** The stored task of one device (rendered commands, platform, options). */
  async deviceTask(jobId: string, deviceIndex: number): Promise<unknown> {
    const raw = await this.redis.hget(this.keys.job(jobId).deviceTasks, String(deviceIndex));
    return raw === null ? null : (JSON.parse(raw) as unknown);
  }

  /** The key of one device. */
  async deviceKey(jobId: string, deviceIndex: number): Promise<string | null> {
    return this.redis.hget(this.keys.job(jobId).deviceKeys, String(deviceIndex));
  }

  /** Stored results, by device index. */
  async results(jobId: string): Promise<Map<number, unknown>> {
    const raw = await this.redis.hgetall(this.keys.job(jobId).results);
    return new Map(Object.entries(raw).map(([i, r]) => [Number(i), JSON.parse(r) as unknown]));
  }

  /**
   * Indexes of the devices whose stored result passes `test`, ascending. Reads the results a
   * batch at a time (HSCAN), so a large job's results are never all in memory at once.
   */
  async devicesWhose(jobId: string, test: (result: unknown) => boolean): Promise<number[]> {
    const found = new Set<number>(); // HSCAN may return a field twice
    let cursor = '0';
    do {
      const [next, flat] = await this.redis.hscan(
        this.keys.job(jobId).results,
        cursor,
        'COUNT',
        RESULT_SCAN_BATCH,
      );
      for (let i = 0; i + 1 < flat.length; i += 2)
        if (test(JSON.parse(flat[i + 1]!) as unknown)) found.add(Number(flat[i]));
      cursor = next;
    } while (cursor !== '0');
    return [...found].sort((a, b) => a - b);
  }

  /** Devices dispatched and not terminal, with their current generation and dispatch time. */
  async dispatched(jobId: string): Promise<Array<Dispatch & { readonly sinceMs: number }>> {
    const k = this.keys.job(jobId);
    const flat = await this.redis.zrange(k.dispatched, 0, -1, 'WITHSCORES');
    const out: Array<Dispatch & { sinceMs: number }> = [];
    for (let i = 0; i + 1 < flat.length; i += 2) {
      const deviceIndex = Number(flat[i]);
      const generation = Number(
        (await this.redis.hget(k.deviceGeneration, String(deviceIndex))) ?? 0,
      );
      out.push({ deviceIndex, generation, sinceMs: Number(flat[i + 1]) });
    }
    return out;
  }

  /** When each device's latest attempt started (µs on the Redis clock), by index. */
  async startTimesUs(jobId: string): Promise<Map<number, number>> {
    const raw = await this.redis.hgetall(this.keys.job(jobId).deviceStarted);
    return new Map(Object.entries(raw).map(([i, us]) => [Number(i), Number(us)]));
  }

  /** The run's stored control state (`running`, `paused`, `cancelling`, `terminating`). */
  async control(jobId: string): Promise<string | null> {
    return this.redis.hget(this.keys.job(jobId).run, 'control');
  }

  /** Ids of jobs not yet known to be terminal (the watchdog's work list). */
  async activeJobIds(): Promise<string[]> {
    return this.redis.smembers(this.keys.activeJobs);
  }

  /** Jobs not yet known to be terminal, counted by their status (for the `fleetpush_jobs` gauge). */
  async activeJobsByState(): Promise<Record<string, number>> {
    const ids = await this.activeJobIds();
    const pipeline = this.redis.pipeline();
    for (const id of ids) pipeline.hget(this.keys.job(id).record, 'status');
    const counts: Record<string, number> = {};
    for (const [error, status] of (await pipeline.exec()) ?? []) {
      if (error || typeof status !== 'string') continue;
      counts[status] = (counts[status] ?? 0) + 1;
    }
    return counts;
  }
}

function positiveCounts(raw: Record<string, string>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [state, count] of Object.entries(raw))
    if (Number(count) > 0) counts[state] = Number(count);
  return counts;
}

function tally(states: Iterable<string>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const state of states) counts[state] = (counts[state] ?? 0) + 1;
  return counts;
}
