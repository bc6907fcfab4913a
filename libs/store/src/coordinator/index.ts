export * from './coordinator-replies';
export * from './run-coordinator';
export * from './create-job';
export * from './job-reader';
