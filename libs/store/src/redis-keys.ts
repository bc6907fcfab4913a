/**
 * The one builder of every Redis key and channel name fleetpush uses. Everything lives under a
 * configurable prefix; keys of one job share the hash tag `{jobId}` (and of one run `{runId}`),
 * so that the Lua scripts touching several of them work on Redis Cluster too.
 */
export interface RedisKeys {
  readonly prefix: string;
  /** Per-job event stream (entry ids are `0-<seq>`). */
  jobEvents(jobId: string): string;
  /** Per-job event sequence counter. */
  jobEventSeq(jobId: string): string;
  /** Channel on which every appended batch of events is published (all jobs). */
  readonly eventsChannel: string;
  /** Channel on which control wake-ups are published. */
  readonly controlChannel: string;
}

/** Builds the key set for a prefix (e.g. `fleetpush`). */
export function redisKeys(prefix: string): RedisKeys {
  if (!/^[A-Za-z0-9_.\-{}]+$/.test(prefix)) {
    throw new Error(`invalid Redis key prefix "${prefix}": use letters, digits, _ . - { }`);
  }
  const job = (jobId: string): string => `${prefix}:job:{${jobId}}`;
  return {
    prefix,
    jobEvents: (jobId) => `${job(jobId)}:events`,
    jobEventSeq: (jobId) => `${job(jobId)}:seq`,
    eventsChannel: `${prefix}:events`,
    controlChannel: `${prefix}:control`,
  };
}
