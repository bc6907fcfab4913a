/**
 * UTF-8 sizes of JavaScript strings, computed in pure code (no `Buffer`, no `TextEncoder`
 * allocation), so that caps are in bytes, as the UI and the API say, not in UTF-16 units.
 * A lone surrogate counts as 3 bytes, the size of the U+FFFD that encoders write for it.
 */

const isHighSurrogate = (unit: number): boolean => unit >= 0xd800 && unit <= 0xdbff;
const isLowSurrogate = (unit: number): boolean => unit >= 0xdc00 && unit <= 0xdfff;

/** UTF-8 size of the code point starting at `index`, and how many UTF-16 units it spans. */
function codePointAt(text: string, index: number): { bytes: number; units: number } {
  const unit = text.charCodeAt(index);
  if (unit < 0x80) return { bytes: 1, units: 1 };
  if (unit < 0x800) return { bytes: 2, units: 1 };
  if (isHighSurrogate(unit) && isLowSurrogate(text.charCodeAt(index + 1))) {
    return { bytes: 4, units: 2 };
  }
  return { bytes: 3, units: 1 };
}

/** The number of bytes `text` takes in UTF-8. */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    // Inline fast path for ASCII, the bulk of device output.
    if (unit < 0x80) {
      bytes += 1;
      continue;
    }
    const point = codePointAt(text, i);
    bytes += point.bytes;
    i += point.units - 1;
  }
  return bytes;
}

/**
 * The length (in UTF-16 units) of the longest prefix of `text` whose UTF-8 encoding fits in
 * `maxBytes`, never splitting a character (a surrogate pair stays whole).
 */
export function utf8PrefixLength(text: string, maxBytes: number): number {
  let bytes = 0;
  let i = 0;
  while (i < text.length) {
    const point = codePointAt(text, i);
    if (bytes + point.bytes > maxBytes) break;
    bytes += point.bytes;
    i += point.units;
  }
  return i;
}
