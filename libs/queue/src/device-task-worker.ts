import { deviceTaskPayloadSchema, type DeviceTaskPayload } from '@fleetpush/contracts';
import { Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { bullPrefix, DEVICE_TASK_QUEUE, DEVICE_TASK_WORKER_SETTINGS } from './queue-settings';

/** Runs one device task; the signal fires when BullMQ or the worker's shutdown cancels it. */
export type DeviceTaskProcessor = (
  payload: DeviceTaskPayload,
  signal: AbortSignal,
) => Promise<void>;

/** Options of {@link createDeviceTaskWorker}. */
export interface DeviceTaskWorkerOptions {
  /** A connection for the worker's blocking commands (BullMQ needs `maxRetriesPerRequest: null`). */
  readonly connection: Redis;
  readonly prefix: string;
  /** Device tasks in flight in this process. */
  readonly concurrency: number;
  readonly processor: DeviceTaskProcessor;
  /** Start taking tasks at once (default true). */
  readonly autorun?: boolean;
}

/**
 * The consumer side of the device-task queue, with the measured lock and stall settings. A
 * payload that does not parse is refused at this edge and never processed.
 */
export function createDeviceTaskWorker(
  options: DeviceTaskWorkerOptions,
): Worker<DeviceTaskPayload> {
  const { removeOnComplete, removeOnFail, ...lockSettings } = DEVICE_TASK_WORKER_SETTINGS;
  return new Worker<DeviceTaskPayload>(
    DEVICE_TASK_QUEUE,
    async (job: Job<DeviceTaskPayload>, _token?: string, signal?: AbortSignal) => {
      const payload = deviceTaskPayloadSchema.parse(job.data);
      await options.processor(payload, signal ?? new AbortController().signal);
    },
    {
      connection: options.connection,
      prefix: bullPrefix(options.prefix),
      concurrency: options.concurrency,
      autorun: options.autorun ?? true,
      removeOnComplete,
      removeOnFail,
      ...lockSettings,
    },
  );
}
