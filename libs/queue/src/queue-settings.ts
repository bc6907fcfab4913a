/**
 * BullMQ settings for device tasks, measured on this kind of machine (DESIGN.md §4):
 * SIGKILL recovery took 5–7 s with a 5 s lock and a 2 s stall check, 52–66 s with BullMQ's
 * defaults. Keeping completed/failed jobs is bounded by count: `true` here caused a Lua error
 * and a re-run in the prototype.
 */
export const DEVICE_TASK_WORKER_SETTINGS = {
  lockDuration: 5_000,
  stalledInterval: 2_000,
  maxStalledCount: 2,
  removeOnComplete: { count: 1_000 },
  removeOnFail: { count: 10_000 },
} as const;

/** Name of the device-task queue (under the BullMQ prefix). */
export const DEVICE_TASK_QUEUE = 'device-tasks';

/** BullMQ's key prefix for a fleetpush prefix: queues live beside fleetpush's own keys. */
export function bullPrefix(prefix: string): string {
  return `${prefix}:bull`;
}
