import type { DeviceTaskQueue } from '@fleetpush/queue';
import type { Logger } from '@fleetpush/runtime';
import { releaseHeldJob, type RedisKeys, type RunCoordinator } from '@fleetpush/store';
import type { Redis } from 'ioredis';

/** Due jobs started per pass (the rest wait for the next pass, seconds later). */
const BATCH = 100;

/** Who a scheduled start is recorded as (the `job:status` event's actor). */
export const SCHEDULE_ACTOR = 'schedule';

/**
 * Starts the held jobs whose change window has opened (`window.start_at`, in `scheduledJobs`),
 * as `POST /jobs/{id}/run` would (`releaseHeldJob` is the guard: a job run early, cancelled or
 * deleted meanwhile is only dropped from the schedule).
 */
export class ScheduledStarts {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
    private readonly coordinator: RunCoordinator,
    private readonly queue: DeviceTaskQueue,
    private readonly logger: Logger,
  ) {}

  /** Starts every job due now (up to a batch), earliest first. */
  async startDue(nowMs = Date.now()): Promise<void> {
    const due = await this.redis.zrangebyscore(
      this.keys.scheduledJobs,
      '-inf',
      nowMs,
      'LIMIT',
      0,
      BATCH,
    );
    for (const jobId of due) await this.start(jobId);
  }

  private async start(jobId: string): Promise<void> {
    if (!(await releaseHeldJob(this.redis, this.keys, jobId))) return;
    const dispatch = await this.coordinator.start(jobId, SCHEDULE_ACTOR);
    if (!dispatch) return;
    this.logger.info({ jobId }, 'started a scheduled job: its change window opened');
    await this.queue.enqueue(dispatch.map((d) => ({ jobId, runId: jobId, ...d })));
  }
}
