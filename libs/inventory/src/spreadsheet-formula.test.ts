import fc from 'fast-check';
import { neutraliseFormula, restoreFormula } from './spreadsheet-formula';

describe('spreadsheet formula neutralisation', () => {
  it('prefixes a quote to formula starts only', () => {
    expect(['=1', '+1', '-1', '@x', '\tx', '\rx'].map(neutraliseFormula)).toEqual([
      "'=1",
      "'+1",
      "'-1",
      "'@x",
      "'\tx",
      "'\rx",
    ]);
    expect(['', 'a=1', "'a", ' =1'].map(neutraliseFormula)).toEqual(['', 'a=1', "'a", ' =1']);
  });

  it('never leaves a formula start and is undone exactly by restoreFormula', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom("'", '=', '+', '-', '@', '\t', '\r', 'a', ' ') }),
        (cell) => {
          const out = neutraliseFormula(cell);
          expect(/^[=+\-@\t\r]/.test(out)).toBe(false);
          expect(restoreFormula(out)).toBe(cell);
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
