/**
 * @packageDocumentation
 * fleetpush's pure rules: no I/O, no Node builtins. Job and device-task state machines, the
 * run plan, failure budgets, retry policy, templates, diffs and outcome summaries.
 */
export * from './result';
export * from './job-state';
export * from './job-transition';
export * from './device-state';
export * from './device-transition';
export * from './platform';
export * from './failure-code';
export * from './device-key';
export * from './validation-issue';
export * from './device-outcome';
export * from './failure-budget';
export * from './run-strategy';
export * from './run-plan';
export * from './run-snapshot';
export * from './run-event';
export * from './run-decision';
export * from './retry-policy';
export * from './outcome';
export * from './template';
export * from './template-identifier';
export * from './template-unsafe-character';
export * from './template-scope';
export * from './template-preflight';
export * from './diff';
export * from './diff-utf8';
export * from './diff-text-cap';
export * from './diff-fnv1a64';
export * from './diff-hash';
