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
