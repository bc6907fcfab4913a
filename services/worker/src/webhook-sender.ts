import { createHmac } from 'node:crypto';
import {
  deliveryId,
  WEBHOOK_DELIVERY_HEADER,
  WEBHOOK_EVENT_HEADER,
  WEBHOOK_SIGNATURE_HEADER,
  type WebhookPayload,
} from '@fleetpush/contracts';
import type { Logger } from '@fleetpush/runtime';
import type { JobReader } from '@fleetpush/store';
import { WebhookDeliveryError } from './errors';
import { jobWebhook } from './webhook-body';

/** A receiver gets this long to answer; a slow one is retried like a failed one. */
const DEFAULT_TIMEOUT_MS = 10_000;

/** `sha256=<hex HMAC-SHA256 of the body>`, as `X-Fleetpush-Signature` carries it. */
export function webhookSignature(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** What a {@link WebhookSender} needs. */
export interface WebhookSenderDeps {
  readonly reader: JobReader;
  readonly logger: Logger;
  /** `FLEETPUSH_WEBHOOK_SECRET`; unset = unsigned deliveries. */
  readonly secret?: string;
  readonly timeoutMs?: number;
}

/** Whether an HTTP answer is worth retrying: server errors, throttling and request timeouts. */
function retryable(status: number): boolean {
  return status >= 500 || status === 429 || status === 408;
}

/**
 * Delivers a finished job's summary, or its approval notice, to its `notify_url`: one POST, JSON, signed, with the
 * event and the delivery id (the job id) in headers. A network error, a timeout or a
 * retryable answer throws {@link WebhookDeliveryError} (the queue retries with backoff); any
 * other answer ends the delivery (a 4xx is the receiver's final word, logged).
 */
export class WebhookSender {
  constructor(private readonly deps: WebhookSenderDeps) {}

  async deliver(payload: WebhookPayload, attempt: number): Promise<void> {
    const webhook = await jobWebhook(this.deps.reader, payload);
    if (!webhook) return;
    const body = JSON.stringify(webhook.body);
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      'User-Agent': 'fleetpush-webhook',
      [WEBHOOK_EVENT_HEADER]: webhook.event,
      [WEBHOOK_DELIVERY_HEADER]: deliveryId(payload),
    };
    if (this.deps.secret)
      headers[WEBHOOK_SIGNATURE_HEADER] = webhookSignature(body, this.deps.secret);
    const scope = { jobId: payload.jobId, attempt, event: webhook.event };
    let status: number;
    try {
      const res = await fetch(webhook.url, {
        method: 'POST',
        headers,
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.deps.timeoutMs ?? DEFAULT_TIMEOUT_MS),
      });
      status = res.status;
      await res.body?.cancel();
    } catch (cause) {
      this.deps.logger.warn(
        { ...scope, err: String(cause) },
        'webhook delivery failed; will retry',
      );
      throw new WebhookDeliveryError(payload.jobId, 'the receiver did not answer', { cause });
    }
    if (retryable(status)) {
      this.deps.logger.warn({ ...scope, status }, 'webhook receiver answered an error; will retry');
      throw new WebhookDeliveryError(payload.jobId, `the receiver answered ${status}`);
    }
    const level = status < 300 ? 'info' : 'warn';
    this.deps.logger[level]({ ...scope, status }, 'webhook delivered');
  }
}
