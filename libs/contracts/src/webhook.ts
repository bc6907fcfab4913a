import { FAILURE_CODES, type FailureCode } from '@fleetpush/domain';
import { z } from 'zod';

/**
 * The `X-Fleetpush-Event`s: a job reached a terminal state, or it waits for someone to approve
 * it (four eyes before it starts, or its hold after the canary).
 */
export const WEBHOOK_EVENTS = [
  'job:completed',
  'job:failed',
  'job:cancelled',
  'job:awaiting_approval',
] as const;

/** A webhook event name. */
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** Header carrying `sha256=<hex HMAC-SHA256 of the raw body>` keyed by `FLEETPUSH_WEBHOOK_SECRET`. */
export const WEBHOOK_SIGNATURE_HEADER = 'X-Fleetpush-Signature';
/** Header carrying the {@link WebhookEvent}. */
export const WEBHOOK_EVENT_HEADER = 'X-Fleetpush-Event';
/**
 * Header carrying the delivery id, for receivers to dedupe: the job id for its end,
 * `<job id>.approval` / `<job id>.after-canary` for its approval notices (see {@link deliveryId}).
 */
export const WEBHOOK_DELIVERY_HEADER = 'X-Fleetpush-Delivery';

const failureCode = z.enum(FAILURE_CODES as [FailureCode, ...FailureCode[]]);

/**
 * What a job waits for someone to approve: its start (the approval policy holds it), or the
 * rest of its devices after its canary passed (`pause_after_canary`).
 */
export const AWAITING_APPROVAL = ['start', 'after_canary'] as const;

/** What a held job waits for someone to approve. */
export type AwaitingApproval = (typeof AWAITING_APPROVAL)[number];

/**
 * The body POSTed to a job's `notify_url` when it ends, or when it waits for an approval: what
 * happened, never a secret (no command output, no credentials; device keys only as counts).
 */
export const jobWebhookBodySchema = z.object({
  event: z.enum(WEBHOOK_EVENTS),
  job: z.object({
    id: z.string(),
    name: z.string(),
    /** Terminal for an end; `queued` (its start) or `paused` (after its canary) for an approval notice. */
    status: z.enum(['queued', 'paused', 'completed', 'failed', 'cancelled']),
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
    /** What it waits for someone to approve (`job:awaiting_approval`); null for an end. */
    awaiting_approval: z.enum(AWAITING_APPROVAL).nullable(),
  }),
});

/** A webhook body. */
export type JobWebhookBody = z.infer<typeof jobWebhookBodySchema>;

/**
 * The BullMQ payload of one webhook delivery: the job it reports (the summary is read then) and,
 * for an approval notice, what the job waits for.
 */
export const webhookPayloadSchema = z
  .object({ jobId: z.string().min(1), awaiting: z.enum(AWAITING_APPROVAL).optional() })
  .strict();

/** A webhook delivery payload. */
export type WebhookPayload = z.infer<typeof webhookPayloadSchema>;

/** Delivery-id suffixes of approval notices (BullMQ ids may not contain `:`). */
const NOTICE_SUFFIX: Readonly<Record<AwaitingApproval, string>> = {
  start: 'approval',
  after_canary: 'after-canary',
};

/**
 * The id of a delivery (its BullMQ job id and `X-Fleetpush-Delivery`): one per job end and one
 * per approval notice, so each is delivered once however many workers ask.
 */
export function deliveryId(payload: WebhookPayload): string {
  return payload.awaiting ? `${payload.jobId}.${NOTICE_SUFFIX[payload.awaiting]}` : payload.jobId;
}
