import { z } from 'zod';
import { changeWindowSchema } from './job-spec';

/**
 * Which devices of an ended job a rerun targets: `failed` (failed or aborted: what an operator
 * fixes and tries again), or `not_succeeded` (also the skipped ones: the canary failed, the
 * budget ran out, the job was cancelled).
 */
export const RerunDevices = { failed: 'failed', not_succeeded: 'not_succeeded' } as const;

/** A {@link RerunDevices} choice. */
export type RerunDevices = (typeof RerunDevices)[keyof typeof RerunDevices];

/** All {@link RerunDevices} choices. */
export const RERUN_DEVICES: readonly RerunDevices[] = Object.values(RerunDevices);

/**
 * Body of `POST /jobs/{id}/rerun`: a new job with the ended job's submission, on its devices that
 * did not succeed. Production is confirmed again (`confirm_prod`), never carried over.
 */
export const rerunRequestSchema = z
  .object({
    devices: z.enum(RERUN_DEVICES as [RerunDevices, ...RerunDevices[]]).default('failed'),
    /** The new job's name; default: the old name with "(rerun: N failed)". */
    name: z.string().trim().min(1).max(200).optional(),
    confirm_prod: z.boolean().default(false),
    /** The new job's own change window (the ended job's is never carried over). */
    window: changeWindowSchema.optional(),
  })
  .strict();

/** A rerun request (input form: every field optional). */
export type RerunRequest = z.input<typeof rerunRequestSchema>;

/**
 * Body of `POST /jobs/{id}/undo`: a new job that runs the ended job's `rollback_commands` on the
 * devices it changed. Production is confirmed again (`confirm_prod`), never carried over.
 */
export const undoRequestSchema = z
  .object({
    /** The new job's name; default: the old name with "(undo: N devices)". */
    name: z.string().trim().min(1).max(200).optional(),
    confirm_prod: z.boolean().default(false),
    /** The new job's own change window (the ended job's is never carried over). */
    window: changeWindowSchema.optional(),
  })
  .strict();

/** An undo request (input form: every field optional). */
export type UndoRequest = z.input<typeof undoRequestSchema>;
