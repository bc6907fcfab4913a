/** FNV-1a 64-bit offset basis, as two 32-bit halves. */
const OFFSET_HI = 0xcbf29ce4;
const OFFSET_LO = 0x84222325;
/** The FNV 64-bit prime is 2^40 + 0x1b3; the shift by 40 is applied to the halves below. */
const PRIME_LOW_PART = 0x1b3;
const TWO_POW_32 = 0x1_0000_0000;

/**
 * FNV-1a 64 of the UTF-8 encoding of `text`, as 16 lower-case hex digits. Pure and stable
 * across processes and versions, so it can be stored and compared later; not cryptographic
 * (it groups identical diffs, it does not authenticate them). Lone surrogates hash as
 * U+FFFD, like every UTF-8 encoder writes them.
 */
export function fnv1a64(text: string): string {
  let hi = OFFSET_HI;
  let lo = OFFSET_LO;
  const step = (byte: number): void => {
    lo = (lo ^ byte) >>> 0;
    // (hi:lo) × (2^40 + 0x1b3) mod 2^64; every intermediate stays below 2^53.
    const low = lo * PRIME_LOW_PART;
    const carry = Math.floor(low / TWO_POW_32);
    hi = (hi * PRIME_LOW_PART + carry + lo * 256) >>> 0;
    lo = low >>> 0;
  };
  for (let i = 0; i < text.length; i++) {
    let point = text.charCodeAt(i);
    if (point >= 0xd800 && point <= 0xdfff) {
      const next = text.charCodeAt(i + 1);
      const paired = point <= 0xdbff && next >= 0xdc00 && next <= 0xdfff;
      point = paired ? 0x10000 + ((point - 0xd800) << 10) + (next - 0xdc00) : 0xfffd;
      if (paired) i++;
    }
    encodeUtf8(point, step);
  }
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}

/** Feeds the UTF-8 bytes of one code point to `step`. */
function encodeUtf8(point: number, step: (byte: number) => void): void {
  if (point < 0x80) return step(point);
  if (point < 0x800) {
    step(0xc0 | (point >> 6));
  } else if (point < 0x10000) {
    step(0xe0 | (point >> 12));
    step(0x80 | ((point >> 6) & 0x3f));
  } else {
    step(0xf0 | (point >> 18));
    step(0x80 | ((point >> 12) & 0x3f));
    step(0x80 | ((point >> 6) & 0x3f));
  }
  step(0x80 | (point & 0x3f));
}
