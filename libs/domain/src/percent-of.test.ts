import fc from 'fast-check';
import { percentOf } from './percent-of';

describe('percentOf', () => {
  it('is exact where binary floating point is not', () => {
    // 0.07 * 100 is 7.000000000000001 and 0.57 * 100 is 56.99999999999999 in floating point.
    expect(percentOf(7, 100, 'ceil')).toBe(7);
    expect(percentOf(0.07, 10_000, 'ceil')).toBe(7);
    expect(percentOf(57, 100, 'floor')).toBe(57);
    expect(percentOf(0.57, 10_000, 'floor')).toBe(57);
    expect(percentOf(33.3, 3_000, 'floor')).toBe(999);
    expect(percentOf(12.5, 8, 'floor')).toBe(1);
  });

  it('rounds a fraction down or up as asked', () => {
    expect(percentOf(10, 1_005, 'floor')).toBe(100);
    expect(percentOf(10, 1_005, 'ceil')).toBe(101);
    expect(percentOf(1, 1, 'floor')).toBe(0);
    expect(percentOf(1, 1, 'ceil')).toBe(1);
    expect(percentOf(0, 500, 'ceil')).toBe(0);
  });

  it('reads numbers JavaScript prints with an exponent', () => {
    // 1e-7 % is a fraction of 1e-9.
    expect(percentOf(1e-7, 1e9, 'ceil')).toBe(1);
    expect(percentOf(1e-7, 1.5e9, 'floor')).toBe(1);
    expect(percentOf(1e-7, 1.5e9, 'ceil')).toBe(2);
    expect(percentOf(1e21, 1, 'floor')).toBe(1e19);
  });

  it('matches integer arithmetic for whole and hundredth percentages', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.nat(1_000_000), (hundredths, count) => {
        const pct = hundredths / 100;
        const scaled = hundredths * count; // pct × count × 100, an exact integer
        expect(percentOf(pct, count, 'floor')).toBe(Math.floor(scaled / 10_000));
        expect(percentOf(pct, count, 'ceil')).toBe(Math.ceil(scaled / 10_000));
      }),
      { numRuns: 500 },
    );
  });
});
