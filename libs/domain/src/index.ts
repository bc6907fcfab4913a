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
