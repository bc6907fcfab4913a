/** The stable codes of the inventory's errors (the API maps `too_large` to 413). */
export const InventoryErrorCode = {
  /** The CSV is past the byte or row limit. */
  too_large: 'too_large',
  /** The CSV stream failed while being read (client went away, socket error). */
  unreadable: 'unreadable',
} as const;

/** An inventory error code. */
export type InventoryErrorCode = (typeof InventoryErrorCode)[keyof typeof InventoryErrorCode];

/** Which limit a too-large import went past. */
export type ImportLimit = 'bytes' | 'rows';

/** The import stopped because the CSV is larger than allowed; nothing of it is usable. */
export class ImportTooLargeError extends Error {
  override readonly name = 'ImportTooLargeError';
  readonly code = InventoryErrorCode.too_large;

  constructor(
    /** The limit that was passed. */
    readonly limit: ImportLimit,
    /** The limit's value (bytes or data rows). */
    readonly max: number,
  ) {
    super(`the CSV is larger than the limit of ${max} ${limit === 'bytes' ? 'bytes' : 'rows'}`);
  }
}

/** The CSV input stream failed before it ended. */
export class ImportReadError extends Error {
  override readonly name = 'ImportReadError';
  readonly code = InventoryErrorCode.unreadable;
}
