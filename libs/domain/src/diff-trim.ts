/** Two texts with the lines they share at both ends cut off, but for some context. */
export interface TrimmedPair {
  readonly pre: string;
  readonly post: string;
  /** Lines cut from the head of both texts: add it to the trimmed diff's line numbers. */
  readonly headLines: number;
  /** Lines cut from the tail of both texts. */
  readonly tailLines: number;
}

/**
 * Where each line of `text` starts, and where the text ends: line `i` is
 * `text.slice(b[i], b[i + 1])`, newline included (a text not ending in one has a last line
 * without it).
 */
function lineBounds(text: string): number[] {
  const bounds = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) bounds.push(i + 1);
  if (bounds[bounds.length - 1] !== text.length) bounds.push(text.length);
  return bounds;
}

/** Whether line `i` of `a` equals line `j` of `b`. */
function sameLine(a: string, ab: number[], b: string, bb: number[], i: number, j: number): boolean {
  const length = ab[i + 1]! - ab[i]!;
  if (length !== bb[j + 1]! - bb[j]!) return false;
  for (let k = 0; k < length; k += 1) {
    if (a.charCodeAt(ab[i]! + k) !== b.charCodeAt(bb[j]! + k)) return false;
  }
  return true;
}

/**
 * Cuts the lines two texts share at the head and at the tail, keeping `context` of them at
 * each end, so a line diff works on the part that changed rather than on two whole
 * running-configs (a 5-line change to a 2,000-line config then diffs a few dozen lines).
 * The diff of the trimmed pair, with `headLines` added to its hunks' start lines, is the diff
 * of the whole pair, unless its last change slid into the kept tail (a line deleted from a run
 * of equal lines, such as `!`): the caller sees that as a last hunk with less trailing context
 * than it asked for and diffs the whole pair instead.
 */
export function trimCommonLines(pre: string, post: string, context: number): TrimmedPair {
  const pb = lineBounds(pre);
  const qb = lineBounds(post);
  const preLines = pb.length - 1;
  const postLines = qb.length - 1;
  const shorter = Math.min(preLines, postLines);
  let head = 0;
  while (head < shorter && sameLine(pre, pb, post, qb, head, head)) head += 1;
  let tail = 0;
  while (
    tail < shorter - head &&
    sameLine(pre, pb, post, qb, preLines - 1 - tail, postLines - 1 - tail)
  )
    tail += 1;
  const cutHead = Math.max(0, head - context);
  const cutTail = Math.max(0, tail - context);
  return {
    pre: pre.slice(pb[cutHead], pb[preLines - cutTail]),
    post: post.slice(qb[cutHead], qb[postLines - cutTail]),
    headLines: cutHead,
    tailLines: cutTail,
  };
}
