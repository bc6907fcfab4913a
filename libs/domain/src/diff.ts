import { structuredPatch, formatPatch, FILE_HEADERS_ONLY, type StructuredPatch } from 'diff';
import { shiftHunks, trimCommonHead } from './diff-common-head';
import { diffHash, type DiffHashOptions } from './diff-hash';
import { capText } from './diff-text-cap';

/** Why no diff was computed for a device; shown as such, never as "no change". */
export const DiffNotComputedReason = {
  /** The job turned diffs off. */
  disabled: 'disabled',
  /** The device had no verify commands, so there is nothing to compare. */
  no_verify_commands: 'no_verify_commands',
  /** The device failed (or was stopped) before its post-check produced output. */
  no_post_check: 'no_post_check',
  /** The outputs differ in more lines than `maxEditLength`: a diff would not be readable. */
  too_many_changes: 'too_many_changes',
} as const;

/** A reason a diff was not computed. */
export type DiffNotComputedReason =
  (typeof DiffNotComputedReason)[keyof typeof DiffNotComputedReason];

/** The diff of a device's pre- and post-check outputs. */
export type DiffOutcome =
  | { readonly status: 'not_computed'; readonly reason: DiffNotComputedReason }
  /** Computed: the outputs are identical (after line-ending normalisation). */
  | { readonly status: 'empty' }
  | {
      readonly status: 'changed';
      /** Unified diff, labels `pre`/`post`, capped at `maxBytes` on a line boundary. */
      readonly body: string;
      readonly truncated: boolean;
      /** UTF-8 bytes of `body`. */
      readonly size: number;
      /** UTF-8 bytes of the whole diff before capping. */
      readonly originalSize: number;
      readonly added: number;
      readonly removed: number;
      /** `diffHash` of the whole (uncapped) diff, to group devices with the same change. */
      readonly hash: string;
    };

/**
 * Default cap of a diff body: 256 KiB, the seed system's figure (there in characters). A
 * change worth reviewing in a browser fits many times over; past that a human reads the
 * outputs instead.
 */
export const DEFAULT_DIFF_MAX_BYTES = 256 * 1024;

/**
 * Default bound on the edit distance the diff algorithm explores. Myers' diff costs
 * O((N+M)·D); past a few thousand differing lines it can block a worker's event loop for
 * seconds while the result is unreadable anyway.
 */
export const DEFAULT_DIFF_MAX_EDIT_LENGTH = 5_000;

/** Lines of context around each change, as in `diff -u`. */
const CONTEXT_LINES = 3;

/** How to compute and cap a diff. */
export interface DiffOptions {
  readonly maxBytes?: number;
  readonly maxEditLength?: number;
  readonly hash?: DiffHashOptions;
}

/** What is known about a device's verification when its diff is due. */
export interface DiffInput {
  /** False when the job's options turned diffs off. */
  readonly enabled: boolean;
  /** How many verify commands the device ran (or was to run). */
  readonly verifyCommandCount: number;
  /** Joined pre-check output; undefined when the pre-check did not complete. */
  readonly pre: string | undefined;
  /** Joined post-check output; undefined when the post-check did not complete. */
  readonly post: string | undefined;
}

/**
 * Decides whether a diff can be computed and computes it: a unified diff of `pre` vs `post`
 * with 3 lines of context. CRLF and LF outputs compare equal, and a missing final newline
 * is not a change.
 */
export function computeDiff(input: DiffInput, options: DiffOptions = {}): DiffOutcome {
  if (!input.enabled) return notComputed(DiffNotComputedReason.disabled);
  if (input.verifyCommandCount === 0) return notComputed(DiffNotComputedReason.no_verify_commands);
  if (input.pre === undefined || input.post === undefined) {
    return notComputed(DiffNotComputedReason.no_post_check);
  }
  const patch = unifiedPatch(
    normalise(input.pre),
    normalise(input.post),
    options.maxEditLength ?? DEFAULT_DIFF_MAX_EDIT_LENGTH,
  );
  if (patch === undefined) return notComputed(DiffNotComputedReason.too_many_changes);
  if (patch.hunks.length === 0) return { status: 'empty' };
  let added = 0;
  let removed = 0;
  for (const hunk of patch.hunks) {
    for (const line of hunk.lines) {
      if (line.startsWith('+')) added++;
      else if (line.startsWith('-')) removed++;
    }
  }
  const whole = formatPatch(patch, FILE_HEADERS_ONLY);
  const capped = capText(whole, options.maxBytes ?? DEFAULT_DIFF_MAX_BYTES);
  const { text: body, truncated, size, originalSize } = capped;
  const hash = diffHash(whole, options.hash);
  return { status: 'changed', body, truncated, size, originalSize, added, removed, hash };
}

/**
 * jsdiff's structured patch of `pre` vs `post` (labels `pre`/`post`, {@link CONTEXT_LINES} of
 * context), computed on what follows the common head; `undefined` past `maxEditLength`.
 */
export function unifiedPatch(
  pre: string,
  post: string,
  maxEditLength: number,
): StructuredPatch | undefined {
  const trimmed = trimCommonHead(pre, post, CONTEXT_LINES);
  const patch = structuredPatch('pre', 'post', trimmed.pre, trimmed.post, undefined, undefined, {
    context: CONTEXT_LINES,
    maxEditLength,
  });
  return patch && shiftHunks(patch, trimmed.skippedLines);
}

function notComputed(reason: DiffNotComputedReason): DiffOutcome {
  return { status: 'not_computed', reason };
}

/** CRLF → LF and a final newline, so that line-ending noise never shows as a change. */
function normalise(output: string): string {
  const lf = output.replace(/\r\n/g, '\n');
  return lf === '' || lf.endsWith('\n') ? lf : `${lf}\n`;
}
