import { progressText, readNewLines } from './import-stream';

describe('readNewLines', () => {
  it('returns each complete line once as the text grows, and waits for a partial line', () => {
    const first = '{"type":"start"}\n{"type":"progress","phase":"parse","rows":1000}\n{"type":"pro';
    const a = readNewLines(first, 0);
    expect(a.lines).toEqual([{ type: 'start' }, { type: 'progress', phase: 'parse', rows: 1000 }]);
    const grown = `${first}gress","phase":"parse","rows":2000}\n{"type":"complete","imported":2}\n`;
    const b = readNewLines(grown, a.consumed);
    expect(b.lines).toEqual([
      { type: 'progress', phase: 'parse', rows: 2000 },
      { type: 'complete', imported: 2 },
    ]);
    expect(readNewLines(grown, b.consumed).lines).toEqual([]);
  });

  it('skips blank lines and lines that are not JSON', () => {
    expect(readNewLines('\n<html>\n{"type":"start"}\n', 0).lines).toEqual([{ type: 'start' }]);
  });
});

describe('progressText', () => {
  it('says how many rows were validated, or how far the connection check is', () => {
    expect(progressText({ type: 'progress', phase: 'parse', rows: 12000 })).toBe(
      '12,000 rows validated',
    );
    expect(progressText({ type: 'progress', phase: 'connect', checked: 5, total: 40 })).toBe(
      'connection check: 5 of 40 devices',
    );
    expect(progressText({ type: 'start' })).toBeUndefined();
  });
});
