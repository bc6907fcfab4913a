/** A character that must never reach a device CLI through a template value. */
export interface UnsafeCharacter {
  /** Zero-based UTF-16 index of the character in the value. */
  readonly index: number;
  /** Its code point. */
  readonly codePoint: number;
  /** A readable name for messages, e.g. `LF (U+000A)`; the value itself is never echoed. */
  readonly name: string;
}

/** Short names of the C0 characters operators are most likely to meet. */
const C0_NAMES: Readonly<Record<number, string>> = {
  0x00: 'NUL',
  0x03: 'ETX (Ctrl-C)',
  0x08: 'BS',
  0x09: 'TAB',
  0x0a: 'LF',
  0x0d: 'CR',
  0x1a: 'SUB (Ctrl-Z)',
  0x1b: 'ESC',
};

/**
 * Bidirectional formatting characters. They are not control characters to a CLI, but they
 * make the rendered command shown for review differ from the bytes sent ("Trojan Source"),
 * so a value carrying one is refused as well.
 */
const BIDI_CONTROLS: ReadonlySet<number> = new Set([
  0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069,
]);

/**
 * Whether a code point is refused in a template value or template line:
 * - C0 controls U+0000–U+001F, TAB included: on Cisco-style CLIs TAB triggers keyword
 *   completion, so it changes the command that is entered; no legitimate value needs one.
 * - DEL U+007F and the C1 controls U+0080–U+009F (U+0085 NEL is a line break on some stacks).
 * - U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR, line breaks to some consumers.
 * - Bidirectional formatting characters (see above).
 */
export function isUnsafeCodePoint(codePoint: number): boolean {
  // Ordered so that printable ASCII, the common case, is decided by two comparisons.
  if (codePoint < 0x20) return true;
  if (codePoint < 0x7f) return false;
  if (codePoint <= 0x9f) return true;
  if (codePoint < 0x061c) return false;
  if (codePoint === 0x2028 || codePoint === 0x2029) return true;
  return BIDI_CONTROLS.has(codePoint);
}

/** Names a refused code point for a message. */
function describeCodePoint(codePoint: number): string {
  const hex = `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
  const name = C0_NAMES[codePoint];
  if (name !== undefined) return `${name} (${hex})`;
  if (codePoint === 0x7f) return `DEL (${hex})`;
  if (codePoint >= 0x80 && codePoint <= 0x9f) return `C1 control ${hex}`;
  if (codePoint <= 0x1f) return `control character ${hex}`;
  if (codePoint === 0x2028 || codePoint === 0x2029) return `line separator ${hex}`;
  return `bidirectional control ${hex}`;
}

/**
 * Finds the first character of `value` that could break a command line apart or disguise it
 * (see {@link isUnsafeCodePoint}), or `undefined` when the value is safe to send.
 */
export function findUnsafeCharacter(value: string): UnsafeCharacter | undefined {
  for (let i = 0; i < value.length; i++) {
    // Every refused code point is in the BMP, so UTF-16 code units are enough here.
    const unit = value.charCodeAt(i);
    if (isUnsafeCodePoint(unit))
      return { index: i, codePoint: unit, name: describeCodePoint(unit) };
  }
  return undefined;
}
