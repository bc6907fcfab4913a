import { structuredPatch } from 'diff';
import fc from 'fast-check';
import { trimCommonHead } from './diff-common-head';
import { unifiedPatch } from './diff';

/** Lines from a small alphabet, so that outputs repeat lines (`!`) the way configurations do. */
const line = fc.constantFrom('!', 'interface Gi0/1', ' shutdown', ' no shutdown', '', 'end');
const lines = fc.array(line, { maxLength: 30 });

/** An edit of a list of lines: replace, insert or delete at a position. */
const edits = fc.array(
  fc.record({ at: fc.nat(), kind: fc.constantFrom('insert', 'delete', 'replace'), with: line }),
  { maxLength: 4 },
);

function edited(
  base: readonly string[],
  changes: readonly { at: number; kind: string; with: string }[],
): string[] {
  const out = [...base];
  for (const c of changes) {
    const at = out.length === 0 ? 0 : c.at % (out.length + 1);
    if (c.kind === 'insert') out.splice(at, 0, c.with);
    else if (c.kind === 'delete') out.splice(at, 1);
    else out.splice(at, 1, c.with);
  }
  return out;
}

const text = (ls: readonly string[], finalNewline: boolean): string =>
  ls.join('\n') + (finalNewline && ls.length > 0 ? '\n' : '');

function plainPatch(pre: string, post: string, maxEditLength: number) {
  return structuredPatch('pre', 'post', pre, post, undefined, undefined, {
    context: 3,
    maxEditLength,
  });
}

describe('unifiedPatch (diff after the common head)', () => {
  it('gives exactly the patch jsdiff gives on the whole texts', () => {
    fc.assert(
      fc.property(
        lines,
        edits,
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom(2, 5, 5_000),
        (base, changes, nlPre, nlPost, maxEditLength) => {
          const pre = text(base, nlPre);
          const post = text(edited(base, changes), nlPost);
          expect(unifiedPatch(pre, post, maxEditLength)).toEqual(
            plainPatch(pre, post, maxEditLength),
          );
        },
      ),
      { numRuns: 3_000 },
    );
  });

  it('matches jsdiff on unrelated texts too', () => {
    fc.assert(
      fc.property(lines, lines, (a, b) => {
        const pre = text(a, true);
        const post = text(b, true);
        expect(unifiedPatch(pre, post, 5_000)).toEqual(plainPatch(pre, post, 5_000));
      }),
      { numRuns: 1_000 },
    );
  });

  it('numbers a change deep in a long output by its line in the whole output', () => {
    const head = Array.from({ length: 200 }, (_, i) => `line ${i}`);
    const pre = text([...head, 'ntp server 10.0.0.1', 'end'], true);
    const post = text([...head, 'ntp server 10.0.0.2', 'end'], true);
    const patch = unifiedPatch(pre, post, 5_000);
    expect(patch?.hunks).toEqual([
      {
        oldStart: 198,
        oldLines: 5,
        newStart: 198,
        newLines: 5,
        lines: [
          ' line 197',
          ' line 198',
          ' line 199',
          '-ntp server 10.0.0.1',
          '+ntp server 10.0.0.2',
          ' end',
        ],
      },
    ]);
  });
});

describe('trimCommonHead', () => {
  it('keeps the context lines before the first difference and counts what it cut', () => {
    const trimmed = trimCommonHead('a\nb\nc\nd\ne\nX\n', 'a\nb\nc\nd\ne\nY\n', 3);
    expect(trimmed).toEqual({ pre: 'c\nd\ne\nX\n', post: 'c\nd\ne\nY\n', skippedLines: 2 });
  });

  it('cuts whole lines only, and nothing when the texts differ in their first line', () => {
    expect(trimCommonHead('ab\n', 'ac\n', 3)).toEqual({
      pre: 'ab\n',
      post: 'ac\n',
      skippedLines: 0,
    });
    expect(trimCommonHead('\nx\n', 'y\n', 0)).toEqual({
      pre: '\nx\n',
      post: 'y\n',
      skippedLines: 0,
    });
  });

  it('keeps empty lines as lines', () => {
    const trimmed = trimCommonHead('\n\n\n\n\nX\n', '\n\n\n\n\nY\n', 3);
    expect(trimmed).toEqual({ pre: '\n\n\nX\n', post: '\n\n\nY\n', skippedLines: 2 });
  });
});
