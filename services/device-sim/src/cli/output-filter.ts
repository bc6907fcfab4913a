/** The result of splitting `command | filter` and applying the filter. */
export type FilterResult =
  | { readonly kind: 'ok'; readonly output: string }
  | { readonly kind: 'invalid'; readonly column: number };

/** Splits `show run | include x` into the command and the filter text after the first `|`. */
export function splitPipe(line: string): {
  command: string;
  filter?: string;
  filterColumn: number;
} {
  const at = line.indexOf('|');
  if (at === -1) return { command: line, filterColumn: line.length };
  return { command: line.slice(0, at).trimEnd(), filter: line.slice(at + 1), filterColumn: at + 1 };
}

function lineFilter(lines: string[], verb: string, pattern: RegExp): string[] | undefined {
  if ('include'.startsWith(verb)) return lines.filter((l) => pattern.test(l));
  if ('exclude'.startsWith(verb)) return lines.filter((l) => !pattern.test(l));
  if ('begin'.startsWith(verb)) {
    const start = lines.findIndex((l) => pattern.test(l));
    return start === -1 ? [] : lines.slice(start);
  }
  if ('section'.startsWith(verb)) return sectionFilter(lines, pattern);
  return undefined;
}

/** IOS `| section`: top-level lines that match, with their indented children. */
function sectionFilter(lines: string[], pattern: RegExp): string[] {
  const out: string[] = [];
  let keep = false;
  for (const l of lines) {
    if (!l.startsWith(' ')) keep = pattern.test(l);
    else if (pattern.test(l) && !keep) out.push(l);
    if (keep) out.push(l);
  }
  return out;
}

function toRegex(source: string): RegExp {
  try {
    return new RegExp(source);
  } catch {
    return new RegExp(source.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  }
}

/**
 * Applies an IOS-style output filter (`include`, `exclude`, `begin`, `section`, `count`; any
 * unique prefix). Unknown verbs are invalid at the verb's column.
 */
export function applyOutputFilter(output: string, filter: string, column: number): FilterResult {
  const match = /^(\s*)(\S+)\s*(.*)$/.exec(filter);
  const verb = (match?.[2] ?? '').toLowerCase();
  const verbColumn = column + (match?.[1]?.length ?? 0);
  const lines = output.replace(/\n$/, '').split('\n');
  const pattern = toRegex((match?.[3] ?? '').trim());
  if (verb !== '' && 'count'.startsWith(verb)) {
    const n = lines.filter((l) => pattern.test(l)).length;
    return { kind: 'ok', output: `Number of lines which match regexp = ${n}\n` };
  }
  const kept = verb === '' ? undefined : lineFilter(lines, verb, pattern);
  if (!kept) return { kind: 'invalid', column: verbColumn };
  return { kind: 'ok', output: kept.length === 0 ? '' : `${kept.join('\n')}\n` };
}
