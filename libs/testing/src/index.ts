/**
 * @packageDocumentation
 * Test-only helpers: waiting without sleeps, leak checks, private Redis, fleet fixtures.
 */
export * from './wait-until';
export * from './leak-check';
