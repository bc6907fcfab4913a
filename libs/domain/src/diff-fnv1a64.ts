/** FNV-1a 64-bit offset basis, as two 32-bit halves. */
const OFFSET_HI = 0xcbf29ce4;
const OFFSET_LO = 0x84222325;
/** The FNV 64-bit prime is 2^40 + 0x1b3; the shift by 40 is applied to the halves below. */
const PRIME_LOW_PART = 0x1b3;
const TWO_POW_32 = 0x1_0000_0000;
/** The marker bits of a UTF-8 lead byte, by the sequence's length. */
const UTF8_LEAD = [0, 0, 0xc0, 0xe0, 0xf0];

/**
 * FNV-1a 64 of the UTF-8 encoding of `text`, as 16 lower-case hex digits. Pure and stable
 * across processes and versions, so it can be stored and compared later; not cryptographic
 * (it groups identical diffs, it does not authenticate them). Lone surrogates hash as
 * U+FFFD, like every UTF-8 encoder writes them.
 */
export function fnv1a64(text: string): string {
  // hi and lo stay locals of this loop (a closure over them would box every update)
  let hi = OFFSET_HI;
  let lo = OFFSET_LO;
  for (let i = 0; i < text.length; i++) {
    let point = text.charCodeAt(i);
    if (point >= 0xd800 && point <= 0xdfff) {
      const next = text.charCodeAt(i + 1);
      const paired = point <= 0xdbff && next >= 0xdc00 && next <= 0xdfff;
      point = paired ? 0x10000 + ((point - 0xd800) << 10) + (next - 0xdc00) : 0xfffd;
      if (paired) i++;
    }
    const count = utf8Length(point);
    for (let k = 0; k < count; k++) {
      lo = (lo ^ utf8Byte(point, count, k)) >>> 0;
      // (hi:lo) × (2^40 + 0x1b3) mod 2^64; every intermediate stays below 2^53.
      const low = lo * PRIME_LOW_PART;
      const carry = Math.floor(low / TWO_POW_32);
      hi = (hi * PRIME_LOW_PART + carry + lo * 256) >>> 0;
      lo = low >>> 0;
    }
  }
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}

/** How many bytes UTF-8 takes for one code point. */
function utf8Length(point: number): number {
  if (point < 0x80) return 1;
  if (point < 0x800) return 2;
  return point < 0x10000 ? 3 : 4;
}

/** Byte `k` (0-based) of the `count`-byte UTF-8 encoding of `point`. */
function utf8Byte(point: number, count: number, k: number): number {
  if (count === 1) return point;
  if (k === 0) return (UTF8_LEAD[count] ?? 0) | (point >> (6 * (count - 1)));
  return 0x80 | ((point >> (6 * (count - 1 - k))) & 0x3f);
}
