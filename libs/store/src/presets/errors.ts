/** Stable codes of {@link PresetStoreError}. */
export const PresetStoreErrorCode = {
  /** Another preset of the same OS model has that name. */
  nameTaken: 'preset_name_taken',
  /** A stored preset does not parse (written by something else, or damaged). */
  corruptRecord: 'corrupt_preset_record',
} as const;

/** A {@link PresetStoreError} code. */
export type PresetStoreErrorCode = (typeof PresetStoreErrorCode)[keyof typeof PresetStoreErrorCode];

/** A failure of the preset store; `presetName` names the preset concerned. */
export class PresetStoreError extends Error {
  override readonly name = 'PresetStoreError';

  constructor(
    readonly code: PresetStoreErrorCode,
    message: string,
    readonly presetName?: string,
    options?: { readonly cause?: unknown },
  ) {
    super(message, options);
  }
}
