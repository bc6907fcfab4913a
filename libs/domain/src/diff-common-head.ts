import type { StructuredPatch } from 'diff';

/** Two texts with their common leading lines cut down to the context a diff shows. */
export interface TrimmedTexts {
  readonly pre: string;
  readonly post: string;
  /** Whole lines removed from the start of both texts. */
  readonly skippedLines: number;
}

/**
 * Cuts the whole lines both texts start with, keeping the last `context` of them (what a
 * unified diff shows before the first change). Myers' diff, as jsdiff implements it, takes the
 * common head as one run before it explores anything, so diffing what is left gives the same
 * hunks, `skippedLines` lower (see {@link shiftHunks}); it saves tokenising and walking the
 * head, which for a configuration change is most of a device's output.
 */
export function trimCommonHead(pre: string, post: string, context: number): TrimmedTexts {
  const limit = Math.min(pre.length, post.length);
  let same = 0;
  while (same < limit && pre.charCodeAt(same) === post.charCodeAt(same)) same++;
  // the head ends after the last newline inside the common part: whole lines only
  let cut = same === 0 ? 0 : pre.lastIndexOf('\n', same - 1) + 1;
  let skipped = 0;
  for (let i = 0; i < cut; i++) if (pre.charCodeAt(i) === 0x0a) skipped++;
  for (let kept = 0; kept < context && cut > 0; kept++) {
    cut = startOfLineBefore(pre, cut);
    skipped--;
  }
  if (cut === 0) return { pre, post, skippedLines: 0 };
  return { pre: pre.slice(cut), post: post.slice(cut), skippedLines: skipped };
}

/** Where the line that ends just before `lineStart` (a line's first index, > 0) begins. */
function startOfLineBefore(text: string, lineStart: number): number {
  return lineStart < 2 ? 0 : text.lastIndexOf('\n', lineStart - 2) + 1;
}

/** Moves a patch of trimmed texts back to the lines of the whole texts. */
export function shiftHunks(patch: StructuredPatch, lines: number): StructuredPatch {
  if (lines === 0) return patch;
  const hunks = patch.hunks.map((h) => ({
    ...h,
    oldStart: h.oldStart + lines,
    newStart: h.newStart + lines,
  }));
  return { ...patch, hunks };
}
