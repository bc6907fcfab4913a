import fc from 'fast-check';
import { findUnsafeCharacter, isUnsafeCodePoint } from './template-unsafe-character';

describe('findUnsafeCharacter', () => {
  it.each([
    ['a\nb', 1, 'LF (U+000A)'],
    ['a\r', 1, 'CR (U+000D)'],
    ['\tx', 0, 'TAB (U+0009)'],
    ['x\u0000', 1, 'NUL (U+0000)'],
    ['x\u001b[2J', 1, 'ESC (U+001B)'],
    ['x\u0007', 1, 'control character U+0007'],
    ['del\u007f', 3, 'DEL (U+007F)'],
    ['nel\u0085', 3, 'C1 control U+0085'],
    ['ls\u2028', 2, 'line separator U+2028'],
    ['rlo\u202e', 3, 'bidirectional control U+202E'],
  ])('refuses %j at %i as %s', (value, index, name) => {
    expect(findUnsafeCharacter(value)).toEqual({ index, codePoint: value.charCodeAt(index), name });
  });

  it('accepts printable text in any script, emoji included', () => {
    for (const value of [
      '',
      'Gi0/1 uplink to "core"',
      'Zürich — 東京 ✓ 🚀',
      '\u00a0nbsp',
      'x'.repeat(500),
    ]) {
      expect(findUnsafeCharacter(value)).toBeUndefined();
    }
  });

  it('agrees with the Unicode control category for every BMP code unit (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffff }), (unit) => {
        const control = /\p{Cc}/u.test(String.fromCharCode(unit));
        if (control) expect(isUnsafeCodePoint(unit)).toBe(true);
        if (!control && unit < 0x2000) expect(isUnsafeCodePoint(unit)).toBe(unit === 0x061c);
      }),
    );
  });
});
