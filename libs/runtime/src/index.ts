/**
 * @packageDocumentation
 * Process plumbing shared by every service: the JSON logger with secret redaction and
 * graceful-then-forced shutdown. Health and metrics join as the services grow.
 */
export * from './logger';
export * from './shutdown';
