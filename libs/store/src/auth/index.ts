export * from './errors';
export * from './token-hash';
export * from './token-store';
