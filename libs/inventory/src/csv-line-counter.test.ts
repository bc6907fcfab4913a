import fc from 'fast-check';
import { CsvLineCounter } from './csv-line-counter';

describe('CsvLineCounter', () => {
  it('counts the line breaks before any increasing offsets of a chunked text', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: fc.constantFrom('a', '\n', 'b') }), { maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        (chunks, rawOffsets) => {
          const text = chunks.join('');
          const counter = new CsvLineCounter();
          for (const chunk of chunks) counter.push(chunk);
          const offsets = rawOffsets.map((o) => o % (text.length + 1)).sort((a, b) => a - b);
          for (const offset of offsets) {
            expect(counter.breaksBefore(offset)).toBe(text.slice(0, offset).split('\n').length - 1);
            expect(counter.lastChar).toBe(offset === 0 ? '' : text.charAt(offset - 1));
          }
        },
      ),
    );
  });

  it('refuses an offset past the text it has seen', () => {
    const counter = new CsvLineCounter();
    counter.push('ab\n');
    expect(() => counter.breaksBefore(4)).toThrow(RangeError);
  });
});
