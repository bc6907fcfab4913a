import { utf8ByteLength, utf8PrefixLength } from './diff-utf8';

/**
 * Default cap for one captured output (pre-check, apply, post-check): 1 MiB. Large enough
 * for a full `show running-config` of a big chassis (typically 100–500 KB), small enough that
 * 10,000 devices × 3 outputs stay within what Redis should hold for one run.
 */
export const DEFAULT_OUTPUT_MAX_BYTES = 1024 * 1024;

/** Text cut to a byte budget, with what is needed to tell the user it was cut. */
export interface CappedText {
  /** The kept head of the text. */
  readonly text: string;
  readonly truncated: boolean;
  /** UTF-8 size of `text`, in bytes. */
  readonly size: number;
  /** UTF-8 size of the text before capping, in bytes. */
  readonly originalSize: number;
}

/**
 * Keeps the head of `text` within `maxBytes` UTF-8 bytes. The cut falls after the last line
 * break that fits, so a capped output never ends in half a line (CRLF pairs stay whole);
 * only when not even the first line fits is the line cut, and then at a character boundary,
 * never inside a multi-byte character.
 */
export function capText(text: string, maxBytes: number): CappedText {
  if (!Number.isInteger(maxBytes) || maxBytes < 0) {
    throw new RangeError(`maxBytes must be a non-negative integer, got ${maxBytes}`);
  }
  const originalSize = utf8ByteLength(text);
  if (originalSize <= maxBytes) return { text, truncated: false, size: originalSize, originalSize };
  const fits = utf8PrefixLength(text, maxBytes);
  const lastBreak = fits === 0 ? -1 : text.lastIndexOf('\n', fits - 1);
  const kept = text.slice(0, lastBreak >= 0 ? lastBreak + 1 : fits);
  return { text: kept, truncated: true, size: utf8ByteLength(kept), originalSize };
}
