/**
 * @packageDocumentation
 * zod schemas and inferred types for everything that crosses a process: HTTP bodies, queue
 * payloads, control commands, events and the Socket.IO event maps. Browser-safe.
 */
export * from './fields';
export * from './job-spec';
export * from './events';
export * from './socket-events';
export * from './control';
export * from './job-rerun';
export * from './queue-payloads';
export * from './api-error';
export * from './device-row';
export * from './device';
export * from './device-reachability';
export * from './stored-device';
export * from './device-result';
export * from './skip-reason-text';
export * from './end-reason-text';
export * from './diff-reason-text';
export * from './device-left-changed';
export * from './auth';
export * from './credential-profile';
export * from './audit';
export * from './api-responses';
export * from './preset';
export * from './command-exec';
export * from './webhook';
export * from './ui-config';
export * from './limit-coverage-text';
