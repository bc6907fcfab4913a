/**
 * @packageDocumentation
 * Test-only helpers: waiting without sleeps, leak checks, Redis with a unique prefix, a private
 * redis-server for chaos tests.
 */
export * from './wait-until';
export * from './leak-check';
export * from './free-port';
export * from './with-redis';
export * from './private-redis';
export * from './metric-value';
export * from './leak-search';
export * from './probe-client';
export * from './service-entry';
export * from './time-from-now';
