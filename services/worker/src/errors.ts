/** The coordinator no longer gives this delivery the device (a newer generation owns it, or it ended). */
export class StaleDeliveryError extends Error {
  override readonly name = 'StaleDeliveryError';
  readonly code = 'stale_delivery';
}

/** The worker is shutting down: the device is left to the journal and another worker's recovery. */
export class ShutdownError extends Error {
  override readonly name = 'ShutdownError';
  readonly code = 'worker_shutdown';
}

/**
 * A webhook could not be delivered this time (network error, timeout, 5xx/429/408): the
 * delivery queue retries it with backoff.
 */
export class WebhookDeliveryError extends Error {
  override readonly name = 'WebhookDeliveryError';
  readonly code = 'webhook_delivery_failed';

  constructor(
    readonly jobId: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
