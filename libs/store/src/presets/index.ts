export * from './errors';
export * from './preset-store';
