/** One line of a unified diff body. */
export interface DiffLine {
  readonly kind: 'add' | 'del' | 'ctx' | 'hunk' | 'meta';
  readonly text: string;
}

/** One row of a side-by-side view: left (before) and right (after). */
export interface SideBySideRow {
  readonly left: DiffLine | undefined;
  readonly right: DiffLine | undefined;
}

/** Classifies the lines of a unified diff. */
export function parseUnifiedDiff(body: string): DiffLine[] {
  return body
    .split('\n')
    .filter((line, i, all) => !(line === '' && i === all.length - 1))
    .map((line): DiffLine => {
      if (line.startsWith('+++') || line.startsWith('---') || line.startsWith('====='))
        return { kind: 'meta', text: line };
      if (line.startsWith('@@')) return { kind: 'hunk', text: line };
      if (line.startsWith('+')) return { kind: 'add', text: line.slice(1) };
      if (line.startsWith('-')) return { kind: 'del', text: line.slice(1) };
      if (line.startsWith('\\')) return { kind: 'meta', text: line };
      return { kind: 'ctx', text: line.startsWith(' ') ? line.slice(1) : line };
    });
}

/**
 * Pairs a unified diff into rows: context on both sides, a run of removals next to the run of
 * additions that follows it, hunk headers across.
 */
export function sideBySide(lines: readonly DiffLine[]): SideBySideRow[] {
  const rows: SideBySideRow[] = [];
  let dels: DiffLine[] = [];
  let adds: DiffLine[] = [];
  const flush = (): void => {
    for (let i = 0; i < Math.max(dels.length, adds.length); i++)
      rows.push({ left: dels[i], right: adds[i] });
    dels = [];
    adds = [];
  };
  for (const line of lines) {
    if (line.kind === 'del') {
      if (adds.length > 0) flush();
      dels.push(line);
    } else if (line.kind === 'add') adds.push(line);
    else {
      flush();
      rows.push({ left: line, right: line });
    }
  }
  flush();
  return rows;
}
