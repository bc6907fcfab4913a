import { formatPatch, FILE_HEADERS_ONLY, structuredPatch } from 'diff';
import { computeDiff } from './diff';
import { trimCommonLines } from './diff-trim';

/** A deterministic generator, so a failure names a reproducible case. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/** A running-config-like text: many repeated lines (`!`, ` shutdown`), a few unique ones. */
function config(next: () => number, lines: number): string[] {
  const pool = ['!', '!', ' shutdown', ' no shutdown', 'interface Gi0/1', 'ntp server 10.0.0.1'];
  return Array.from({ length: lines }, (_, i) =>
    next() < 0.6 ? pool[Math.floor(next() * pool.length)]! : `line ${i}`,
  );
}

/** Applies a few random edits (insert, delete, replace) anywhere in the text. */
function edit(next: () => number, lines: string[]): string[] {
  const out = [...lines];
  const edits = 1 + Math.floor(next() * 4);
  for (let e = 0; e < edits; e += 1) {
    const at = Math.floor(next() * (out.length + 1));
    const kind = next();
    if (kind < 0.4) out.splice(at, 0, next() < 0.5 ? '!' : `added ${e}`);
    else if (kind < 0.7) out.splice(at, 1);
    else out.splice(at, 1, `changed ${e}`);
  }
  return out;
}

/** The diff the way it was computed before trimming: the whole texts. */
function untrimmed(pre: string, post: string): string {
  const patch = structuredPatch('pre', 'post', pre, post, undefined, undefined, { context: 3 });
  return patch.hunks.length === 0 ? '' : formatPatch(patch, FILE_HEADERS_ONLY);
}

describe('trimCommonLines', () => {
  it('cuts the shared head and tail but for the context', () => {
    const pre = ['a', 'b', 'c', 'd', 'e', 'old', 'f', 'g', 'h', 'i', 'j', ''].join('\n');
    const post = pre.replace('old', 'new');
    expect(trimCommonLines(pre, post, 3)).toEqual({
      pre: 'c\nd\ne\nold\nf\ng\nh\n',
      post: 'c\nd\ne\nnew\nf\ng\nh\n',
      headLines: 2,
      tailLines: 2,
    });
  });

  it('keeps texts whole when they are equal or differ within the context of an end', () => {
    expect(trimCommonLines('a\nb\n', 'a\nb\n', 3)).toEqual({
      pre: 'a\nb\n',
      post: 'a\nb\n',
      headLines: 0,
      tailLines: 0,
    });
    expect(trimCommonLines('a\n', 'a\nb\n', 3)).toEqual({
      pre: 'a\n',
      post: 'a\nb\n',
      headLines: 0,
      tailLines: 0,
    });
    expect(trimCommonLines('', 'x\n', 3)).toEqual({
      pre: '',
      post: 'x\n',
      headLines: 0,
      tailLines: 0,
    });
  });

  it('gives computeDiff the diff of the whole texts, on 5,000 generated config changes', () => {
    const next = random(7);
    for (let n = 0; n < 5_000; n += 1) {
      const before = config(next, 5 + Math.floor(next() * 80));
      const pre = `${before.join('\n')}\n`;
      const post = `${edit(next, before).join('\n')}\n`;
      const outcome = computeDiff({ enabled: true, verifyCommandCount: 1, pre, post });
      const body = outcome.status === 'changed' ? outcome.body : '';
      expect({ n, body }).toEqual({ n, body: untrimmed(pre, post) });
    }
  });
});
