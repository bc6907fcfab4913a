import type { Redis } from 'ioredis';
import { LuaScript } from '../coordinator/lua-script';
import type { RedisKeys } from '../redis-keys';

/**
 * approve-job: a job waiting for approval (`approval: pending`) is marked approved by
 * `approver`, at once for every caller (two approvers cannot both approve it), and, when its
 * change window opens later, scheduled in the same step.
 *
 * KEYS[1] the job's record, KEYS[2] scheduled jobs (sorted set)
 * ARGV[1] job id, ARGV[2] approver, ARGV[3] now (ISO), ARGV[4] start (ms; 0: start now)
 * Returns 'approved', 'scheduled' (approved, starts at its time), 'not_pending' or 'missing'.
 */
const APPROVE_JOB_LUA = `
local approval = redis.call('HGET', KEYS[1], 'approval')
if not redis.call('HGET', KEYS[1], 'status') then return 'missing' end
if approval ~= 'pending' then return 'not_pending' end
redis.call('HSET', KEYS[1], 'approval', 'approved', 'approved_by', ARGV[2], 'approved_at', ARGV[3], 'updated_at', ARGV[3])
local start = tonumber(ARGV[4])
if start > 0 then
  redis.call('ZADD', KEYS[2], start, ARGV[1])
  return 'scheduled'
end
return 'approved'
`;

const approveJobScript = new LuaScript('approve-job', APPROVE_JOB_LUA);

/** What {@link approveJob} did. */
export type ApprovalOutcome = 'approved' | 'scheduled' | 'not_pending' | 'missing';

/**
 * Records `approver`'s approval of a job that waits for one. `startAtMs` (a change window's
 * start still ahead) schedules it in the same step; otherwise the caller starts it.
 */
export async function approveJob(
  redis: Redis,
  keys: RedisKeys,
  jobId: string,
  approver: string,
  now: Date,
  startAtMs = 0,
): Promise<ApprovalOutcome> {
  const reply = await approveJobScript.run(
    redis,
    [keys.job(jobId).record, keys.scheduledJobs],
    [jobId, approver, now.toISOString(), startAtMs > now.getTime() ? startAtMs : 0],
  );
  return reply as ApprovalOutcome;
}
