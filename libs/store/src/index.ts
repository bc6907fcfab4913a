/**
 * @packageDocumentation
 * Redis repositories: one key builder, the per-job event log (streams + pub/sub), and, as the
 * engine grows, jobs, runs, device results, control state, leases and the audit log.
 */
export * from './redis-keys';
export * from './event-log';
export * from './coordinator';
export * from './jobs';
export * from './leases';
export * from './auth';
export * from './inventory';
export * from './worker-registry';
export * from './audit';
export * from './presets';
export * from './retention';
