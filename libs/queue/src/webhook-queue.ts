import {
  deliveryId,
  webhookPayloadSchema,
  type AwaitingApproval,
  type WebhookPayload,
} from '@fleetpush/contracts';
import { Queue, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { bullPrefix } from './queue-settings';

/** Name of the webhook-delivery queue (under the BullMQ prefix). */
export const WEBHOOK_QUEUE = 'webhooks';

/**
 * Delivery attempts and backoff: 5 attempts, 1 s doubling (1, 2, 4, 8 s between them), so a
 * receiver that restarts within ~15 s still gets the summary.
 */
export const WEBHOOK_DELIVERY = {
  attempts: 5,
  backoffMs: 1_000,
  // Kept long enough that a second enqueue of the same job id (a reconciler pass racing its
  // own retry) finds the first and is a no-op; bounded so Redis does not grow with history.
  removeOnComplete: { age: 7 * 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 10_000 },
} as const;

/** Options of a {@link WebhookQueue} (tests shorten the backoff). */
export interface WebhookQueueOptions {
  readonly backoffMs?: number;
  readonly attempts?: number;
  readonly onError?: (error: Error) => void;
}

/**
 * The producer side of webhook deliveries. The BullMQ job id is the delivery id (the fleetpush
 * job id for its end, with a suffix for an approval notice), so each is delivered once however
 * many workers ask (adding an existing id is a no-op).
 */
export class WebhookQueue {
  private readonly queue: Queue<WebhookPayload>;

  constructor(
    connection: Redis,
    prefix: string,
    private readonly options: WebhookQueueOptions = {},
  ) {
    this.queue = new Queue<WebhookPayload>(WEBHOOK_QUEUE, {
      connection,
      prefix: bullPrefix(prefix),
    });
    if (options.onError) this.queue.on('error', options.onError);
  }

  /**
   * Asks for the delivery of a finished job's summary, or with `awaiting` of its approval notice
   * (once per {@link deliveryId}).
   */
  async enqueue(jobId: string, awaiting?: AwaitingApproval): Promise<void> {
    const payload: WebhookPayload = awaiting ? { jobId, awaiting } : { jobId };
    await this.queue.add(awaiting ? 'job-awaiting-approval' : 'job-finished', payload, {
      jobId: deliveryId(payload),
      attempts: this.options.attempts ?? WEBHOOK_DELIVERY.attempts,
      backoff: {
        type: 'exponential',
        delay: this.options.backoffMs ?? WEBHOOK_DELIVERY.backoffMs,
      },
      removeOnComplete: WEBHOOK_DELIVERY.removeOnComplete,
      removeOnFail: WEBHOOK_DELIVERY.removeOnFail,
    });
  }

  /** Where a delivery stands (by {@link deliveryId}): `completed` (delivered or refused for good), `failed`, … */
  async state(id: string): Promise<string> {
    const job = await this.queue.getJob(id);
    return job ? job.getState() : 'missing';
  }

  /** Closes the producer (not the shared connection); idempotent. */
  async close(): Promise<void> {
    await this.queue.close();
  }
}

/** Delivers one webhook; rejects to have it retried with backoff. */
export type WebhookProcessor = (payload: WebhookPayload, attempt: number) => Promise<void>;

/** Options of {@link createWebhookWorker}. */
export interface WebhookWorkerOptions {
  readonly connection: Redis;
  readonly prefix: string;
  /** Deliveries in flight in this process. */
  readonly concurrency: number;
  readonly processor: WebhookProcessor;
  readonly autorun?: boolean;
}

/** The consumer side of webhook deliveries; a payload that does not parse is never sent. */
export function createWebhookWorker(options: WebhookWorkerOptions): Worker<WebhookPayload> {
  return new Worker<WebhookPayload>(
    WEBHOOK_QUEUE,
    async (job: Job<WebhookPayload>) => {
      await options.processor(webhookPayloadSchema.parse(job.data), job.attemptsMade + 1);
    },
    {
      connection: options.connection,
      prefix: bullPrefix(options.prefix),
      concurrency: options.concurrency,
      autorun: options.autorun ?? true,
      removeOnComplete: WEBHOOK_DELIVERY.removeOnComplete,
      removeOnFail: WEBHOOK_DELIVERY.removeOnFail,
    },
  );
}
