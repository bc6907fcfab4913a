import { Transcript } from './transcript';

describe('Transcript', () => {
  it('keeps everything under the cap', () => {
    const t = new Transcript(100);
    t.append('hello\n');
    t.append('world\n');
    expect(t.snapshot()).toEqual({ text: 'hello\nworld\n', truncated: false, originalBytes: 12 });
  });

  it('keeps the head and the most recent tail, marking the gap', () => {
    const t = new Transcript(40);
    for (let i = 0; i < 100; i++) t.append(`line ${i}\n`);
    const snap = t.snapshot();
    expect(snap.truncated).toBe(true);
    expect(snap.text.startsWith('line 0\nline 1\n')).toBe(true);
    expect(snap.text.endsWith('line 99\n')).toBe(true);
    expect(snap.text).toMatch(/\[\.\.\. \d+ bytes omitted \.\.\.\]/);
    expect(snap.originalBytes).toBe(
      Buffer.byteLength(Array.from({ length: 100 }, (_, i) => `line ${i}\n`).join('')),
    );
  });

  it('never splits a multi-byte character', () => {
    const t = new Transcript(9);
    t.append('ééééééééé');
    expect(t.snapshot().text).not.toContain('\uFFFD');
  });
});
