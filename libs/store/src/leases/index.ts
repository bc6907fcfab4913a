export * from './device-leases';
export * from './fleet-limits';
export * from './host-key-store';
