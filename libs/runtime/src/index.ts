/**
 * @packageDocumentation
 * Process plumbing shared by every service: the JSON logger with secret redaction,
 * graceful-then-forced shutdown, readiness checks and probes, and the Prometheus metrics
 * registry (the only importer of prom-client) with each service's collectors.
 */
export * from './logger';
export * from './shutdown';
export * from './settle-within';
export * from './readiness';
export * from './metric-names';
export * from './metrics-registry';
export * from './cluster-metrics';
export * from './worker-metrics';
export * from './api-metrics';
export * from './gateway-metrics';
export * from './probe-handler';
export * from './probe-server';
