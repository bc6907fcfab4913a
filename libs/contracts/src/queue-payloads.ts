import { z } from 'zod';

/**
 * The BullMQ payload of one device task. It names the task only: no commands and no
 * credentials travel through the queue; the worker reads them from the store.
 */
export const deviceTaskPayloadSchema = z
  .object({
    jobId: z.string().min(1),
    runId: z.string().min(1),
    deviceIndex: z.number().int().min(0),
    /** Bumped whenever the device is re-dispatched; a stale generation is dropped (fencing). */
    generation: z.number().int().min(0),
  })
  .strict();

/** A device-task payload. */
export type DeviceTaskPayload = z.infer<typeof deviceTaskPayloadSchema>;

/** The BullMQ payload that starts a run of a job. */
export const runStartPayloadSchema = z
  .object({
    jobId: z.string().min(1),
    runId: z.string().min(1),
  })
  .strict();

/** A run-start payload. */
export type RunStartPayload = z.infer<typeof runStartPayloadSchema>;

/**
 * BullMQ job id of a device task. BullMQ rejects ids containing `:` (IPv6 keys have colons)
 * and keeps completed ids, so the id uses the device index and the generation.
 */
export function deviceTaskJobId(payload: DeviceTaskPayload): string {
  return `${payload.runId}|${payload.deviceIndex}|${payload.generation}`;
}
