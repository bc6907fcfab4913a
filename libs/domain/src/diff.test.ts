import { computeDiff, type DiffInput } from './diff';

const input = (pre: string | undefined, post: string | undefined): DiffInput => ({
  enabled: true,
  verifyCommandCount: 1,
  pre,
  post,
});

describe('computeDiff', () => {
  it('tells "not computed" apart from "no change", with the reason', () => {
    expect(computeDiff({ ...input('a', 'b'), enabled: false })).toEqual({
      status: 'not_computed',
      reason: 'disabled',
    });
    expect(computeDiff({ ...input('', ''), verifyCommandCount: 0 })).toEqual({
      status: 'not_computed',
      reason: 'no_verify_commands',
    });
    expect(computeDiff(input('a\n', undefined))).toEqual({
      status: 'not_computed',
      reason: 'no_post_check',
    });
    expect(computeDiff(input(undefined, undefined))).toEqual({
      status: 'not_computed',
      reason: 'no_post_check',
    });
    expect(computeDiff(input('same\n', 'same\n'))).toEqual({ status: 'empty' });
    expect(computeDiff(input('', ''))).toEqual({ status: 'empty' });
  });

  it('produces a unified diff labelled pre/post with 3 lines of context', () => {
    const pre = ['l1', 'l2', 'l3', 'l4', 'l5', 'ntp server 10.0.0.1', 'l7', 'l8', 'l9', 'l10'].join(
      '\n',
    );
    const post = pre.replace('ntp server 10.0.0.1', 'ntp server 192.0.2.1');
    const out = computeDiff(input(pre, post));
    expect(out).toMatchObject({ status: 'changed', added: 1, removed: 1, truncated: false });
    expect(out.status === 'changed' && out.body).toBe(
      [
        '--- pre',
        '+++ post',
        '@@ -3,7 +3,7 @@',
        ' l3',
        ' l4',
        ' l5',
        '-ntp server 10.0.0.1',
        '+ntp server 192.0.2.1',
        ' l7',
        ' l8',
        ' l9',
        '',
      ].join('\n'),
    );
  });

  it('treats CRLF and LF outputs, and a missing final newline, as the same text', () => {
    expect(computeDiff(input('a\r\nb\r\n', 'a\nb'))).toEqual({ status: 'empty' });
    const out = computeDiff(input('a\r\nb\r\n', 'a\r\nc\r\n'));
    expect(out.status === 'changed' && out.body).toBe(
      '--- pre\n+++ post\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n',
    );
  });

  it('caps the body in UTF-8 bytes on a line boundary and reports the original size', () => {
    const pre = Array.from({ length: 50 }, (_, i) => `line ${i} é`).join('\n');
    const post = Array.from({ length: 50 }, (_, i) => `line ${i} €`).join('\n');
    const full = computeDiff(input(pre, post));
    const capped = computeDiff(input(pre, post), { maxBytes: 200 });
    if (full.status !== 'changed' || capped.status !== 'changed') throw new Error('expected diffs');
    expect(capped).toMatchObject({
      truncated: true,
      originalSize: full.size,
      added: 50,
      removed: 50,
    });
    expect(full.size).toBe(Buffer.byteLength(full.body));
    expect(capped.size).toBe(Buffer.byteLength(capped.body));
    expect(capped.size).toBeLessThanOrEqual(200);
    expect(capped.body.endsWith('\n')).toBe(true);
    expect(full.body.startsWith(capped.body)).toBe(true);
    // The hash describes the whole change, not the kept head.
    expect(capped.hash).toBe(full.hash);
  });

  it('is not truncated when the diff is exactly the cap', () => {
    const full = computeDiff(input('a\n', 'b\n'));
    if (full.status !== 'changed') throw new Error('expected a diff');
    expect(computeDiff(input('a\n', 'b\n'), { maxBytes: full.size })).toMatchObject({
      truncated: false,
      size: full.size,
    });
    expect(computeDiff(input('a\n', 'b\n'), { maxBytes: full.size - 1 })).toMatchObject({
      truncated: true,
    });
  });

  it('gives up on outputs that differ everywhere beyond maxEditLength', () => {
    const pre = Array.from({ length: 300 }, (_, i) => `a${i}`).join('\n');
    const post = Array.from({ length: 300 }, (_, i) => `b${i}`).join('\n');
    expect(computeDiff(input(pre, post), { maxEditLength: 100 })).toEqual({
      status: 'not_computed',
      reason: 'too_many_changes',
    });
    expect(computeDiff(input(pre, post))).toMatchObject({ status: 'changed', added: 300 });
  });

  it('gives devices with the same change at different lines the same hash', () => {
    const change = (prefix: string[], context = ['x', 'y', 'z'], options = {}) => {
      const pre = [...prefix, ...context, 'logging host 1'].join('\n');
      const out = computeDiff(input(pre, pre.replace('host 1', 'host 2')), options);
      if (out.status !== 'changed') throw new Error('expected a diff');
      return out;
    };
    const a = change(['hostname a']);
    const b = change(['hostname b', 'interface Gi0/9', ' shutdown', 'interface Gi0/10']);
    expect(a.body).not.toBe(b.body);
    expect(a.hash).toBe(b.hash);
    // Different context: a different diff, unless the job says context does not matter.
    const other = ['x', 'y', 'w'];
    expect(change([], other).hash).not.toBe(a.hash);
    const ignoreContext = { hash: { ignoreContext: true } };
    expect(change([], other, ignoreContext).hash).toBe(change([], undefined, ignoreContext).hash);
  });
});
