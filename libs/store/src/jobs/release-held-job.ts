import type { Redis } from 'ioredis';
import type { RedisKeys } from '../redis-keys';

/**
 * Takes a held job out of waiting so that its caller may start it (or, for a job just cancelled,
 * so that a worker's reconciler finishes it, webhook included): moves it from `heldJobs` to
 * `activeJobs` (atomically: of two callers, one gets true) and off the schedule. False when the
 * job was not held (started, cancelled, deleted meanwhile), which drops a stale schedule entry
 * too. Should the caller die before starting it, the job is active and `queued`, and the
 * reconciler starts it.
 */
export async function releaseHeldJob(
  redis: Redis,
  keys: RedisKeys,
  jobId: string,
): Promise<boolean> {
  const moved = await redis.smove(keys.heldJobs, keys.activeJobs, jobId);
  await redis.zrem(keys.scheduledJobs, jobId);
  return moved === 1;
}
