import fc from 'fast-check';
import { capText } from './diff-text-cap';
import { utf8ByteLength } from './diff-utf8';

describe('capText', () => {
  it('keeps text of exactly the cap whole', () => {
    expect(capText('ab\ncd\n', 6)).toEqual({
      text: 'ab\ncd\n',
      truncated: false,
      size: 6,
      originalSize: 6,
    });
  });

  it('cuts one byte over the cap at the last line boundary', () => {
    expect(capText('ab\ncd\n', 5)).toEqual({
      text: 'ab\n',
      truncated: true,
      size: 3,
      originalSize: 6,
    });
  });

  it('counts UTF-8 bytes, not characters', () => {
    // 4 characters, 10 bytes: a character-counting cap would keep it all.
    expect(capText('€€\n€', 9)).toEqual({
      text: '€€\n',
      truncated: true,
      size: 7,
      originalSize: 10,
    });
  });

  it('keeps CRLF pairs whole', () => {
    expect(capText('one\r\ntwo\r\nthree\r\n', 11)).toEqual({
      text: 'one\r\ntwo\r\n',
      truncated: true,
      size: 10,
      originalSize: 17,
    });
  });

  it('cuts a single over-long line at a character boundary, never inside a character', () => {
    expect(capText('aé😀z', 3)).toEqual({ text: 'aé', truncated: true, size: 3, originalSize: 8 });
    expect(capText('aé😀z', 6)).toEqual({ text: 'aé', truncated: true, size: 3, originalSize: 8 });
    expect(capText('aé😀z', 7)).toEqual({
      text: 'aé😀',
      truncated: true,
      size: 7,
      originalSize: 8,
    });
  });

  it('caps to nothing at 0 bytes, even when the text starts with a line break', () => {
    expect(capText('\nabc', 0)).toEqual({ text: '', truncated: true, size: 0, originalSize: 4 });
    expect(capText('', 0)).toEqual({ text: '', truncated: false, size: 0, originalSize: 0 });
  });

  it('refuses a negative or fractional cap', () => {
    expect(() => capText('x', -1)).toThrow(RangeError);
    expect(() => capText('x', 1.5)).toThrow(RangeError);
  });

  it('keeps a head within the cap, ending on a line boundary when one fits (property)', () => {
    const line = fc.string({ unit: fc.constantFrom('a', 'é', '€', '😀', '\r'), maxLength: 6 });
    fc.assert(
      fc.property(fc.array(line, { maxLength: 8 }), fc.nat(60), (lines, max) => {
        const text = lines.join('\n');
        const capped = capText(text, max);
        expect(text.startsWith(capped.text)).toBe(true);
        expect(capped.size).toBe(utf8ByteLength(capped.text));
        expect(capped.size).toBeLessThanOrEqual(max);
        expect(capped.originalSize).toBe(Buffer.byteLength(text));
        expect(capped.truncated).toBe(capped.originalSize > max);
        expect(capped.text).not.toMatch(/[\ud800-\udbff]$/);
        const firstBreak = text.indexOf('\n');
        if (
          capped.truncated &&
          firstBreak >= 0 &&
          utf8ByteLength(text.slice(0, firstBreak + 1)) <= max
        ) {
          expect(capped.text.endsWith('\n')).toBe(true);
        }
      }),
    );
  });
});
