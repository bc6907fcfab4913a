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
  /** Every key of one job, in the order the coordinator's Lua scripts take them. */
  job(jobId: string): JobKeys;
  /** Sorted set of all job ids by creation time (ms). */
  readonly jobIndex: string;
  /** Set of job ids that are not terminal (the watchdog's work list). */
  readonly activeJobs: string;
  /**
   * Set of job ids stored without being started (`POST /jobs?start=false`): kept out of
   * `activeJobs`, whose queued jobs the reconciler starts, until `POST /jobs/{id}/run`.
   */
  readonly heldJobs: string;
  /**
   * Sorted set of held jobs that start by themselves: job id → `window.start_at` (ms). The
   * reconciler starts each one due, as `POST /jobs/{id}/run` would (the job stays in `heldJobs`
   * until then, so every held-job path, cancel and run included, covers it).
   */
  readonly scheduledJobs: string;
  /** The device inventory's keys. */
  readonly inventory: InventoryKeys;
  /** Hash: credential profile name → profile JSON (secrets sealed). */
  readonly credentials: string;
  /** Stream: the audit log (capped; host-key enrollments are appended here too). */
  readonly audit: string;
  /** Hash: preset id → preset JSON. */
  readonly presets: string;
  /** Hash: `<os_model>\n<name>` → preset id (one name per OS model). */
  readonly presetNames: string;
}

/**
 * The inventory's keys, all under the hash tag `{inventory}` so that `replaceAll` can rename
 * a staged generation over the live one on Redis Cluster too.
 */
export interface InventoryKeys {
  /** Hash: device key → `StoredDevice` JSON. */
  readonly devices: string;
  /** Sorted set: device key by import position. */
  readonly order: string;
  /** Hash: device key → `DeviceReachability` JSON (the latest connection check). */
  readonly reachability: string;
  /** The pair `replaceAll` fills before swapping it in (`id` unique per call). */
  staging(id: string): { readonly devices: string; readonly order: string };
}

/**
 * The keys of one job, all under the hash tag `{jobId}`. `ordered` is the KEYS array of every
 * coordinator script (see `coordinator/lua-header.ts`).
 */
export interface JobKeys {
  /** Hash: the job record (status, times, spec). */
  readonly record: string;
  /** Hash: the run's scheduling state (mirrors the domain `RunSnapshot`). */
  readonly run: string;
  /** List: device indexes not yet dispatched, in plan order (canary first). */
  readonly pending: string;
  /** Sorted set: dispatched, non-terminal device indexes by dispatch time (ms). */
  readonly dispatched: string;
  /** Hash: device index → device-task state. */
  readonly deviceState: string;
  /** Hash: device index → generation (fencing token for queue deliveries). */
  readonly deviceGeneration: string;
  /** Hash: device index → attempts started. */
  readonly deviceAttempts: string;
  /** Hash: device index → reserved start slot (µs, Redis clock), for the stagger gate. */
  readonly deviceSlot: string;
  /** List: one `"<size> <tolerated failures, -1 = unlimited>"` per wave. */
  readonly waves: string;
  /** Hash: device index → result JSON. */
  readonly results: string;
  readonly events: string;
  readonly eventSeq: string;
  /** Hash: device index → device key. */
  readonly deviceKeys: string;
  /** Hash: device index → the device task (rendered commands, platform, options) JSON. */
  readonly deviceTasks: string;
  /** Hash: device index → when its latest attempt started (µs, Redis clock). */
  readonly deviceStarted: string;
  /**
   * Hash: device state → how many devices are in it (kept by every state change, so a job's
   * counts are read without reading every device's state).
   */
  readonly deviceCounts: string;
  /**
   * Hash of the job's group limits (`strategy.limits`): `c<group>` → cap, `n<group>` → devices
   * of the group in flight, `d<index>` → the device's groups (space-separated ids from 1).
   */
  readonly groups: string;
  /**
   * Sorted set: devices of the current wave held back because a group of theirs is at its cap,
   * scored `group × 2^24 + index` (a group's parked devices in plan order).
   */
  readonly parked: string;
  /** Sorted set: groups under their cap with parked devices (score = group id): start those first. */
  readonly ready: string;
  readonly ordered: readonly string[];
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
    job: memoized((jobId) => jobKeys(job(jobId))),
    jobIndex: `${prefix}:jobs`,
    activeJobs: `${prefix}:jobs:active`,
    heldJobs: `${prefix}:jobs:held`,
    scheduledJobs: `${prefix}:jobs:scheduled`,
    inventory: {
      devices: `${prefix}:{inventory}:devices`,
      order: `${prefix}:{inventory}:order`,
      reachability: `${prefix}:{inventory}:reachability`,
      staging: (id) => ({
        devices: `${prefix}:{inventory}:staging:${id}:devices`,
        order: `${prefix}:{inventory}:staging:${id}:order`,
      }),
    },
    credentials: `${prefix}:credentials`,
    audit: `${prefix}:audit`,
    presets: `${prefix}:{presets}:items`,
    presetNames: `${prefix}:{presets}:names`,
  };
}

/** Jobs whose key sets are kept (every script call needs one; a worker runs a few jobs at once). */
const JOB_KEYS_CACHE_SIZE = 1024;

/** `build` with its results kept for the last {@link JOB_KEYS_CACHE_SIZE} job ids. */
function memoized(build: (jobId: string) => JobKeys): (jobId: string) => JobKeys {
  const cache = new Map<string, JobKeys>();
  return (jobId) => {
    let keys = cache.get(jobId);
    if (!keys) {
      if (cache.size >= JOB_KEYS_CACHE_SIZE) cache.clear();
      keys = build(jobId);
      cache.set(jobId, keys);
    }
    return keys;
  };
}

function jobKeys(base: string): JobKeys {
  const keys = {
    record: base,
    run: `${base}:run`,
    pending: `${base}:pending`,
    dispatched: `${base}:dispatched`,
    deviceState: `${base}:dstate`,
    deviceGeneration: `${base}:dgen`,
    deviceAttempts: `${base}:dattempt`,
    deviceSlot: `${base}:dslot`,
    waves: `${base}:waves`,
    results: `${base}:results`,
    events: `${base}:events`,
    eventSeq: `${base}:seq`,
    deviceKeys: `${base}:dkeys`,
    deviceTasks: `${base}:dtasks`,
    deviceStarted: `${base}:dstarted`,
    deviceCounts: `${base}:dcounts`,
    groups: `${base}:groups`,
    parked: `${base}:parked`,
    ready: `${base}:ready`,
  };
  return { ...keys, ordered: Object.values(keys) };
}
