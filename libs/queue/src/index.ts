/**
 * @packageDocumentation
 * The only importer of `bullmq`: the device-task queue (producer), its worker factory with the
 * measured lock/stall settings, and queue names.
 */
export * from './queue-settings';
export * from './device-task-queue';
export * from './device-task-worker';
export * from './webhook-queue';
