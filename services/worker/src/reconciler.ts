import type { DeviceTaskQueue } from '@fleetpush/queue';
import type { Logger } from '@fleetpush/runtime';
import {
  JobPurger,
  type Dispatch,
  type JobReader,
  type RedisKeys,
  type RunCoordinator,
} from '@fleetpush/store';
import type { Redis } from 'ioredis';
import { ApprovalNotices, type AnnounceApproval } from './approval-notices';
import { ScheduledStarts } from './scheduled-starts';

/** Options of {@link Reconciler}. */
export interface ReconcilerOptions {
  /** How often one worker of the fleet repairs (the others find the lock taken). */
  readonly intervalMs?: number;
  /**
   * A dispatched device younger than this is left alone: its dispatcher may be between the
   * coordinator's reply and the enqueue.
   */
  readonly graceMs?: number;
  /**
   * A job still `queued` this long after it was created lost its start (the API stores, then
   * starts at once; a crash or a Redis fault in between leaves it queued): the reconciler
   * starts it.
   */
  readonly queuedGraceMs?: number;
  /**
   * Called for each job found finished, before it leaves the active set: a rejection keeps it
   * there and the next pass calls again (at least once; the webhook queue dedupes by job id).
   */
  readonly onJobFinished?: (jobId: string) => Promise<void>;
  /**
   * Called once per job and kind when it starts waiting for an approval (its start, or the rest
   * after its canary); a rejection is logged and the next pass asks again.
   */
  readonly onAwaitingApproval?: AnnounceApproval;
  /** How long a finished job is kept before it is deleted (ms); 0 or absent keeps jobs forever. */
  readonly jobRetentionMs?: number;
  /** How often the retention sweep runs (ms; default 10 minutes, and at the first pass). */
  readonly retentionSweepMs?: number;
}

const DEFAULT_RETENTION_SWEEP_MS = 10 * 60_000;

/**
 * The watchdog and repairer, run by one worker at a time under a lock: it starts the scheduled
 * jobs whose time has come, announces the jobs that wait for an approval, finishes runs whose work is all terminal (a job never sticks),
 * drops finished jobs from the active set, and gives a new generation to dispatched devices that have no live queue entry (lost enqueue, or a
 * task BullMQ failed after repeated stalls), so another worker picks them up. Every
 * `retentionSweepMs` it also deletes the jobs that finished more than `jobRetentionMs` ago.
 */
export class Reconciler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private lastSweepMs = -Infinity;
  private readonly purger: JobPurger;
  private readonly scheduled: ScheduledStarts;
  private readonly notices: ApprovalNotices | undefined;

  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
    private readonly reader: JobReader,
    private readonly coordinator: RunCoordinator,
    private readonly queue: DeviceTaskQueue,
    private readonly workerId: string,
    private readonly logger: Logger,
    private readonly options: ReconcilerOptions = {},
  ) {
    this.purger = new JobPurger(redis, keys);
    this.scheduled = new ScheduledStarts(redis, keys, coordinator, queue, logger);
    const announce = options.onAwaitingApproval;
    this.notices = announce && new ApprovalNotices(redis, keys, reader, announce, logger);
  }

  /** Starts the periodic pass. */
  start(): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.pass()
        .catch((error: unknown) => this.logger.warn({ err: error }, 'reconciler pass failed'))
        .finally(() => (this.running = undefined));
    }, this.options.intervalMs ?? 2_000);
  }

  /** One pass over every active job, if this worker holds the lock. */
  async pass(): Promise<void> {
    const ttl = (this.options.intervalMs ?? 2_000) * 2;
    const lock = await this.redis.set(
      `${this.keys.prefix}:reconciler:lock`,
      this.workerId,
      'PX',
      ttl,
      'NX',
    );
    if (lock !== 'OK') return;
    await this.scheduled.startDue();
    await this.notices?.announceDue();
    for (const jobId of await this.reader.activeJobIds()) await this.repair(jobId);
    await this.sweepIfDue();
  }

  /** Deletes the jobs past their retention, at most once per sweep period. */
  private async sweepIfDue(): Promise<void> {
    const keepMs = this.options.jobRetentionMs ?? 0;
    const everyMs = this.options.retentionSweepMs ?? DEFAULT_RETENTION_SWEEP_MS;
    if (keepMs <= 0 || Date.now() - this.lastSweepMs < everyMs) return;
    this.lastSweepMs = Date.now();
    const deleted = await this.purger.sweep(new Date(Date.now() - keepMs));
    if (deleted.length > 0)
      this.logger.info(
        { jobs: deleted.length, retentionMs: keepMs },
        'deleted jobs past retention',
      );
  }

  private async repair(jobId: string): Promise<void> {
    const status = (await this.reader.record(jobId))?.status;
    if (status === undefined || ['completed', 'failed', 'cancelled'].includes(status)) {
      if (status !== undefined && !(await this.finished(jobId))) return;
      await this.redis.srem(this.keys.activeJobs, jobId);
      return;
    }
    if (status === 'queued') return this.startIfForgotten(jobId);
    const tick = await this.coordinator.tick(jobId);
    await this.enqueue(jobId, tick.dispatch);
    const graceMs = this.options.graceMs ?? 5_000;
    for (const entry of await this.reader.dispatched(jobId)) {
      if (Date.now() - entry.sinceMs < graceMs) continue;
      const presence = await this.queue.presence({ jobId, runId: jobId, ...entry });
      if (presence === 'pending' || presence === 'active') continue;
      const fresh = await this.coordinator.redispatch(jobId, entry.deviceIndex);
      if (!fresh) continue;
      this.logger.warn(
        { jobId, deviceIndex: entry.deviceIndex, presence },
        'redispatching a lost device task',
      );
      await this.enqueue(jobId, [fresh]);
    }
  }

  /**
   * Runs the finished-job hook; false (logged) when it failed, so that the job stays active for
   * the next pass while the other jobs of this pass are still repaired.
   */
  private async finished(jobId: string): Promise<boolean> {
    try {
      await this.options.onJobFinished?.(jobId);
      return true;
    } catch (error) {
      this.logger.warn({ jobId, err: error }, 'finished-job hook failed; retrying next pass');
      return false;
    }
  }

  private async startIfForgotten(jobId: string): Promise<void> {
    const createdAt = Date.parse((await this.reader.record(jobId))?.created_at ?? '');
    if (!(Date.now() - createdAt >= (this.options.queuedGraceMs ?? 30_000))) return;
    const dispatch = await this.coordinator.start(jobId, 'reconciler');
    if (!dispatch) return;
    this.logger.warn({ jobId }, 'started a job whose start was lost');
    await this.enqueue(jobId, dispatch);
  }

  private async enqueue(jobId: string, dispatch: readonly Dispatch[]): Promise<void> {
    await this.queue.enqueue(dispatch.map((d) => ({ jobId, runId: jobId, ...d })));
  }

  /** Stops the periodic pass and waits for a pass in progress; idempotent. */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
