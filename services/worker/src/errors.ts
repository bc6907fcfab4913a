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
