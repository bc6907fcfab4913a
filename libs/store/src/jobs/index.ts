export * from './resolve-targets';
export * from './plan-job';
export * from './preview-job';
export * from './change-window';
export * from './job-approval';
export * from './release-held-job';
export * from './group-limits';
