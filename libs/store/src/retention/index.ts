export * from './job-purge';
