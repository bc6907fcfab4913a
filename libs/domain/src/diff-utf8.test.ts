import fc from 'fast-check';
import { utf8ByteLength, utf8PrefixLength } from './diff-utf8';

/** Any UTF-16 code unit, lone surrogates included, plus whole astral characters. */
const anyText = fc.string({
  unit: fc.oneof(
    fc.integer({ min: 0, max: 0xffff }).map((u) => String.fromCharCode(u)),
    fc.constantFrom('é', '€', '😀', 'a', '\n'),
  ),
  maxLength: 40,
});

describe('utf8ByteLength', () => {
  it.each([
    ['', 0],
    ['abc', 3],
    ['é', 2],
    ['€', 3],
    ['😀', 4],
    ['\ud83d', 3],
    ['a\r\nb', 4],
  ])('%j is %i bytes', (text, bytes) => {
    expect(utf8ByteLength(text)).toBe(bytes);
  });

  it('agrees with Buffer.byteLength for any string (property)', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(utf8ByteLength(text)).toBe(Buffer.byteLength(text, 'utf8'));
      }),
    );
  });
});

describe('utf8PrefixLength', () => {
  it('never splits a multi-byte character', () => {
    expect(utf8PrefixLength('a€b', 1)).toBe(1);
    expect(utf8PrefixLength('a€b', 3)).toBe(1);
    expect(utf8PrefixLength('a€b', 4)).toBe(2);
    expect(utf8PrefixLength('😀x', 3)).toBe(0);
    expect(utf8PrefixLength('😀x', 4)).toBe(2);
  });

  it('returns the longest prefix that fits (property)', () => {
    fc.assert(
      fc.property(anyText, fc.nat(200), (text, max) => {
        const n = utf8PrefixLength(text, max);
        expect(utf8ByteLength(text.slice(0, n))).toBeLessThanOrEqual(max);
        if (n < text.length) {
          const next = text.codePointAt(n)! > 0xffff && n + 1 < text.length ? 2 : 1;
          expect(utf8ByteLength(text.slice(0, n + next))).toBeGreaterThan(max);
        }
      }),
    );
  });
});
