import { FAILURE_CODES, SKIP_REASONS, type FailureCode, type SkipReason } from '@fleetpush/domain';
import { z } from 'zod';

const failureCode = z.enum(FAILURE_CODES as [FailureCode, ...FailureCode[]]);
const skipReason = z.enum(SKIP_REASONS as [SkipReason, ...SkipReason[]]);

/** One command and what the device printed (capped). */
export const commandOutputSchema = z.object({
  command: z.string(),
  output: z.string(),
  truncated: z.boolean().optional(),
  rejected: z.string().optional(),
  duration_ms: z.number().int().min(0),
});

/** A captured command output. */
export type CommandOutputRecord = z.infer<typeof commandOutputSchema>;

/** The diff of pre- vs post-check outputs: "not computed" is distinct from "empty". */
export const diffRecordSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('not_computed'), reason: z.string() }),
  z.object({ status: z.literal('empty') }),
  z.object({
    status: z.literal('changed'),
    body: z.string(),
    truncated: z.boolean(),
    size: z.number().int(),
    original_size: z.number().int(),
    added: z.number().int(),
    removed: z.number().int(),
    hash: z.string(),
  }),
]);

/** A device's stored diff. */
export type DiffRecord = z.infer<typeof diffRecordSchema>;

/** Everything stored about one device of a job when it ends. */
export const deviceResultSchema = z.object({
  state: z.enum(['succeeded', 'failed', 'skipped', 'aborted']),
  attempts: z.number().int().min(0),
  code: failureCode.optional(),
  message: z.string().optional(),
  skipReason: skipReason.optional(),
  /** Config lines the device accepted (0 = nothing was changed by this task). */
  config_lines_sent: z.number().int().min(0).optional(),
  started_at: z.string().optional(),
  finished_at: z.string().optional(),
  duration_ms: z.number().int().min(0).optional(),
  pre: z.array(commandOutputSchema).optional(),
  apply: z.array(commandOutputSchema).optional(),
  post: z.array(commandOutputSchema).optional(),
  rollback: z.array(commandOutputSchema).optional(),
  save_output: z.string().optional(),
  commit_output: z.string().optional(),
  diff: diffRecordSchema.optional(),
  /** Redacted session transcript (capped). */
  transcript: z.string().optional(),
  transcript_truncated: z.boolean().optional(),
  /** The worker process that ran the device's last attempt. */
  worker: z.string().optional(),
  /** For `uncertain_after_crash`: what the recovery saw. */
  recovered_from: z.string().optional(),
});

/** A stored device result. */
export type DeviceResult = z.infer<typeof deviceResultSchema>;
