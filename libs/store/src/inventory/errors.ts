/** Stable codes of {@link InventoryStoreError}. */
export const InventoryStoreErrorCode = {
  /** Two devices of one write share a key (the importer rejects such rows; a caller did not). */
  duplicateDevice: 'duplicate_device',
  /** A stored record does not parse (written by something else, or damaged). */
  corruptRecord: 'corrupt_inventory_record',
  /** `replaceAll`'s staged inventory vanished before the swap (it outlived its expiry). */
  stagingLost: 'inventory_staging_lost',
  /** A credential profile of that name exists already. */
  credentialExists: 'credential_exists',
  /** A credential profile does not match its schema. */
  invalidCredential: 'invalid_credential_profile',
} as const;

/** An {@link InventoryStoreError} code. */
export type InventoryStoreErrorCode =
  (typeof InventoryStoreErrorCode)[keyof typeof InventoryStoreErrorCode];

/**
 * A failure of the inventory or credential store. `subject` names the device key or profile
 * concerned; messages never carry a secret or a sealed value.
 */
export class InventoryStoreError extends Error {
  override readonly name = 'InventoryStoreError';
  /** The device key or credential profile name concerned, when there is one. */
  readonly subject?: string;

  constructor(
    readonly code: InventoryStoreErrorCode,
    message: string,
    options?: { readonly subject?: string; readonly cause?: unknown },
  ) {
    super(message, options);
    this.subject = options?.subject;
  }
}
