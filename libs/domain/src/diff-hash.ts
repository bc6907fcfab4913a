import { fnv1a64 } from './diff-fnv1a64';

/** What to leave out of a diff before hashing it. */
export interface DiffHashOptions {
  /**
   * Lines whose content (without the `+`/`-`/space prefix) matches any of these are left
   * out: clocks, uptimes, counters, anything that differs between devices or runs without
   * meaning a different change. Flags such as `g` or `y` are ignored.
   */
  readonly ignoreLines?: readonly RegExp[];
  /** Leave out context lines too, so that only what changed decides the group. */
  readonly ignoreContext?: boolean;
}

/**
 * Reduces a unified diff to what makes two devices' changes "the same": file headers are
 * dropped, hunk headers lose their line numbers (the same change lands at different lines on
 * different devices), CRs and trailing blanks go, and ignored lines go. When no added or
 * removed line is left, the result is empty: nothing but noise changed.
 */
export function normaliseDiff(body: string, options: DiffHashOptions = {}): string {
  const ignore = (options.ignoreLines ?? []).map(
    (p) => new RegExp(p.source, p.flags.replace(/[gy]/g, '')),
  );
  const kept: string[] = [];
  let inHunks = false;
  let changes = 0;
  for (const raw of body.split('\n')) {
    const line = raw.replace(/\s+$/, '');
    if (line.startsWith('@@')) {
      inHunks = true;
      kept.push('@@');
      continue;
    }
    // Before the first hunk there are only headers (`---`, `+++`, `Index:`, `===`).
    if (!inHunks || line === '') continue;
    const kind = line[0];
    const content = line.slice(1);
    if (kind === '\\' || ignore.some((p) => p.test(content))) continue;
    if (kind === ' ' && options.ignoreContext === true) continue;
    if (kind === '+' || kind === '-') changes++;
    kept.push(line);
  }
  return changes === 0 ? '' : kept.join('\n');
}

/**
 * A stable fingerprint of a diff's meaning (FNV-1a 64 over {@link normaliseDiff}), used to
 * group devices with identical changes ("412 devices: same diff"). A diff that normalises to
 * nothing hashes like the empty string.
 */
export function diffHash(body: string, options: DiffHashOptions = {}): string {
  return fnv1a64(normaliseDiff(body, options));
}
