/**
 * @packageDocumentation
 * The worker service: BullMQ device-task processor, control listener and reconciler.
 */
export * from './worker-service';
export * from './device-task-processor';
export * from './device-pipeline';
export * from './reconciler';
export * from './control-listener';
