export { InventoryStoreError, InventoryStoreErrorCode } from './errors';
export { toDeviceView } from './device-view';
export {
  InventoryStore,
  MAX_INVENTORY_PAGE,
  type InventoryPage,
  type InventoryQuery,
  type InventoryStoreOptions,
  type ReachabilityRecord,
  type ReplaceOutcome,
} from './inventory-store';
export { CredentialStore, toCredentialView } from './credential-store';
