import { FAILURE_CODES, type FailureCode } from '@fleetpush/domain';
import { z } from 'zod';

/** The `X-Fleetpush-Event` of a job that reached a terminal state. */
export const WEBHOOK_EVENTS = ['job:completed', 'job:failed', 'job:cancelled'] as const;

/** A webhook event name. */
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** Header carrying `sha256=<hex HMAC-SHA256 of the raw body>` keyed by `FLEETPUSH_WEBHOOK_SECRET`. */
export const WEBHOOK_SIGNATURE_HEADER = 'X-Fleetpush-Signature';
/** Header carrying the {@link WebhookEvent}. */
export const WEBHOOK_EVENT_HEADER = 'X-Fleetpush-Event';
/** Header carrying the delivery id (the job id: one delivery per job), for receivers to dedupe. */
export const WEBHOOK_DELIVERY_HEADER = 'X-Fleetpush-Delivery';

const failureCode = z.enum(FAILURE_CODES as [FailureCode, ...FailureCode[]]);

/**
 * The body POSTed to a job's `notify_url` when it ends: what happened, never a secret (no
 * command output, no credentials; device keys only as counts).
 */
export const jobWebhookBodySchema = z.object({
  event: z.enum(WEBHOOK_EVENTS),
  job: z.object({
    id: z.string(),
    name: z.string(),
    status: z.enum(['completed', 'failed', 'cancelled']),
    actor: z.string(),
    targets: z.number().int().min(0),
    created_at: z.string(),
    started_at: z.string().nullable(),
    finished_at: z.string().nullable(),
    /** Devices by final state (`succeeded`, `failed`, `skipped`, `aborted`). */
    counts: z.record(z.string(), z.number().int().min(0)),
    /** Failed devices by failure code. */
    failure_codes: z.partialRecord(failureCode, z.number().int().min(0)),
    /**
     * Why the job stopped starting devices, as its unstarted devices' skip reason says it
     * (`canary_failed`, `budget_exceeded`, `cancelled`, `window_closed`); null when it ran
     * every device.
     */
    reason: z.string().nullable(),
  }),
});

/** A webhook body. */
export type JobWebhookBody = z.infer<typeof jobWebhookBodySchema>;

/** The BullMQ payload of one webhook delivery: the job it reports (the summary is read then). */
export const webhookPayloadSchema = z.object({ jobId: z.string().min(1) }).strict();

/** A webhook delivery payload. */
export type WebhookPayload = z.infer<typeof webhookPayloadSchema>;
