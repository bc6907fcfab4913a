import { TERMINAL_JOB_STATES } from '@fleetpush/domain';
import type { Redis } from 'ioredis';
import { LuaScript } from '../coordinator/lua-script';
import type { RedisKeys } from '../redis-keys';

/**
 * purge-job: deletes a finished job and everything it keeps (record, run state, device states,
 * results and diffs, events), and takes it out of the job index.
 *
 * KEYS[1..n-4] the job's keys (`JobKeys.ordered`; KEYS[1] is its record)
 * KEYS[n-3] job index (sorted set), KEYS[n-2] active jobs (set), KEYS[n-1] held jobs (set),
 * KEYS[n] scheduled jobs (sorted set)
 * ARGV[1] job id; ARGV[2..] the terminal job states
 *
 * Returns {'deleted'}, {'missing'} or {'busy', status}: a job that is not terminal, or that the
 * reconciler has not yet seen finish (still in the active set: its webhook is not sent), is
 * left whole. Invariant: a job is either entirely present or entirely gone.
 */
const PURGE_JOB_LUA = `
local n = #KEYS
local status = redis.call('HGET', KEYS[1], 'status')
if not status then
  redis.call('ZREM', KEYS[n - 3], ARGV[1])
  return {'missing'}
end
local terminal = false
for i = 2, #ARGV do if ARGV[i] == status then terminal = true end end
if (not terminal) or redis.call('SISMEMBER', KEYS[n - 2], ARGV[1]) == 1 then return {'busy', status} end
-- UNLINK: a large job's hashes are freed in the background, not while Redis blocks
redis.call('UNLINK', unpack(KEYS, 1, n - 4))
redis.call('ZREM', KEYS[n - 3], ARGV[1])
redis.call('SREM', KEYS[n - 1], ARGV[1])
redis.call('ZREM', KEYS[n], ARGV[1])
return {'deleted'}
`;

const purgeJob = new LuaScript('purge-job', PURGE_JOB_LUA);

/** What {@link JobPurger.purge} did. */
export type PurgeOutcome =
  | { readonly kind: 'deleted' }
  | { readonly kind: 'missing' }
  | { readonly kind: 'busy'; readonly status: string };

/** Jobs looked at per round of a retention sweep. */
const SWEEP_BATCH = 200;

/**
 * Deletes finished jobs: one on request (`DELETE /jobs/{id}`), or every job that finished
 * before a cutoff (the workers' retention sweep).
 */
export class JobPurger {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  /** Deletes one finished job atomically; a running (or not yet reconciled) job is left whole. */
  async purge(jobId: string): Promise<PurgeOutcome> {
    const k = this.keys;
    const reply = (await purgeJob.run(
      this.redis,
      [...k.job(jobId).ordered, k.jobIndex, k.activeJobs, k.heldJobs, k.scheduledJobs],
      [jobId, ...TERMINAL_JOB_STATES],
    )) as [string, string?];
    if (reply[0] === 'busy') return { kind: 'busy', status: reply[1] ?? '' };
    return { kind: reply[0] === 'deleted' ? 'deleted' : 'missing' };
  }

  /**
   * Deletes every job that finished before `cutoff`; returns their ids. Jobs are found by
   * creation time (the index) and kept unless they also finished before the cutoff.
   */
  async sweep(cutoff: Date): Promise<string[]> {
    const deleted: string[] = [];
    let offset = 0;
    for (;;) {
      const ids = await this.redis.zrangebyscore(
        this.keys.jobIndex,
        '-inf',
        cutoff.getTime(),
        'LIMIT',
        offset,
        SWEEP_BATCH,
      );
      if (ids.length === 0) return deleted;
      let kept = 0;
      for (const jobId of ids) {
        if (await this.finishedBefore(jobId, cutoff)) {
          if ((await this.purge(jobId)).kind !== 'busy') deleted.push(jobId);
          else kept += 1;
        } else kept += 1;
      }
      offset += kept;
    }
  }

  private async finishedBefore(jobId: string, cutoff: Date): Promise<boolean> {
    const finishedAt = await this.redis.hget(this.keys.job(jobId).record, 'finished_at');
    // a record without an end is running, queued or gone: `purge` decides the last two
    if (finishedAt === null) return !(await this.redis.exists(this.keys.job(jobId).record));
    return Date.parse(finishedAt) < cutoff.getTime();
  }
}
