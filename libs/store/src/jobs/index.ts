export * from './resolve-targets';
export * from './plan-job';
