/** Stable codes of {@link TokenStoreError}. */
export const TokenStoreErrorCode = {
  /** A token could not be created as asked (bad name, role or expiry). */
  invalidTokenSpec: 'invalid_token_spec',
  /** A stored token record does not parse (written by something else, or damaged). */
  corruptRecord: 'corrupt_token_record',
} as const;

/** A {@link TokenStoreError} code. */
export type TokenStoreErrorCode = (typeof TokenStoreErrorCode)[keyof typeof TokenStoreErrorCode];

/** A failure of the API token store. Never carries a token or a token hash. */
export class TokenStoreError extends Error {
  override readonly name = 'TokenStoreError';

  constructor(
    readonly code: TokenStoreErrorCode,
    message: string,
    options?: { readonly cause?: unknown },
  ) {
    super(message, options);
  }
}
