import type { AwaitingApproval } from '@fleetpush/contracts';
import type { Logger } from '@fleetpush/runtime';
import type { JobReader, RedisKeys } from '@fleetpush/store';
import type { Redis } from 'ioredis';
import { awaitingApprovalOf } from './webhook-body';

/** Asks for a job's approval notice (the `notify_url` webhook `job:awaiting_approval`). */
export type AnnounceApproval = (jobId: string, awaiting: AwaitingApproval) => Promise<void>;

/** Record field listing the approvals a job's notices announced (space-separated kinds). */
const ANNOUNCED = 'approval_announced';

/**
 * The reconciler's step that announces approvals: a job the approval policy holds before its
 * start, and a job paused after its canary passed (`pause_after_canary`), each get one notice
 * per kind: asked for, then marked on the record (`approval_announced`), so a notice is asked
 * for at least once (the delivery id dedupes a repeat).
 */
export class ApprovalNotices {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
    private readonly reader: JobReader,
    private readonly announce: AnnounceApproval,
    private readonly logger: Logger,
  ) {}

  /** Announces every held or active job that waits for an approval not yet announced. */
  async announceDue(): Promise<void> {
    const held = await this.redis.smembers(this.keys.heldJobs);
    for (const jobId of [...held, ...(await this.reader.activeJobIds())]) {
      try {
        await this.announceIfDue(jobId);
      } catch (error) {
        this.logger.warn({ jobId, err: String(error) }, 'approval notice not asked for; next pass');
      }
    }
  }

  private async announceIfDue(jobId: string): Promise<void> {
    const record = this.keys.job(jobId).record;
    const [status, approval, announced] = await this.redis.hmget(
      record,
      'status',
      'approval',
      ANNOUNCED,
    );
    if (!status) return;
    const fields = { id: jobId, status, ...(approval ? { approval } : {}) };
    const awaiting = await awaitingApprovalOf(this.reader, fields);
    const kinds = announced?.split(' ') ?? [];
    if (awaiting === undefined || kinds.includes(awaiting)) return;
    await this.announce(jobId, awaiting);
    await this.redis.hset(record, ANNOUNCED, [...kinds, awaiting].join(' '));
  }
}
