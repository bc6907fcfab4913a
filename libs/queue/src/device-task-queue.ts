import { deviceTaskJobId, type DeviceTaskPayload } from '@fleetpush/contracts';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { bullPrefix, DEVICE_TASK_QUEUE, DEVICE_TASK_WORKER_SETTINGS } from './queue-settings';

/** Where a device task stands in BullMQ, as the reconciler needs to know. */
export type TaskPresence = 'pending' | 'active' | 'completed' | 'failed' | 'missing';

/** Options of one enqueue. */
export interface EnqueueOptions {
  /** Hold the tasks this long before a worker may take them (retry backoff). */
  readonly delayMs?: number;
}

/**
 * The producer side of the device-task queue. Tasks carry only their identity; BullMQ job ids
 * are `runId|deviceIndex|generation`, so adding the same task twice is a no-op.
 */
export class DeviceTaskQueue {
  private readonly queue: Queue<DeviceTaskPayload>;

  /**
   * @param onError receives connection errors (BullMQ prints them to the console when nobody
   *   listens); a service passes its logger.
   */
  constructor(connection: Redis, prefix: string, onError?: (error: Error) => void) {
    this.queue = new Queue<DeviceTaskPayload>(DEVICE_TASK_QUEUE, {
      connection,
      prefix: bullPrefix(prefix),
    });
    if (onError) this.queue.on('error', onError);
  }

  /** Adds device tasks in one round trip. */
  async enqueue(
    payloads: readonly DeviceTaskPayload[],
    options: EnqueueOptions = {},
  ): Promise<void> {
    if (payloads.length === 0) return;
    const jobs = payloads.map((data) => ({
      name: 'device',
      data,
      opts: {
        jobId: deviceTaskJobId(data),
        attempts: 1,
        delay: options.delayMs,
        removeOnComplete: DEVICE_TASK_WORKER_SETTINGS.removeOnComplete,
        removeOnFail: DEVICE_TASK_WORKER_SETTINGS.removeOnFail,
      },
    }));
    // one job (the common case: a completion dispatches the next device) skips addBulk's
    // MULTI pipeline, which costs more client CPU than the add itself
    const [only] = jobs;
    if (jobs.length === 1 && only) await this.queue.add(only.name, only.data, only.opts);
    else await this.queue.addBulk(jobs);
  }

  /** Whether BullMQ still holds a device task, and in which state. */
  async presence(payload: DeviceTaskPayload): Promise<TaskPresence> {
    const job = await this.queue.getJob(deviceTaskJobId(payload));
    if (!job) return 'missing';
    const state = await job.getState();
    if (state === 'active' || state === 'completed' || state === 'failed') return state;
    return state === 'unknown' ? 'missing' : 'pending';
  }

  /** Counts of waiting, delayed and active tasks (queue depth, for metrics and autoscaling). */
  async depth(): Promise<{ waiting: number; delayed: number; active: number }> {
    const counts = await this.queue.getJobCounts('waiting', 'delayed', 'active', 'prioritized');
    return {
      waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
      delayed: counts.delayed ?? 0,
      active: counts.active ?? 0,
    };
  }

  /** Closes the producer (not the shared connection); idempotent. */
  async close(): Promise<void> {
    await this.queue.close();
  }
}
