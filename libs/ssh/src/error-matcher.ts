/** A response line that matched one of a platform's error patterns. */
export interface RejectionMatch {
  /** The whole matching line. */
  readonly line: string;
  /** The pattern that matched, for diagnostics. */
  readonly pattern: RegExp;
}

/** A pattern set's alternatives as one pattern per set of flags, or null when they cannot be joined. */
type Screen = readonly RegExp[] | null;

/** Pattern sets (a profile's lists are module constants) and their joined form. */
const screens = new WeakMap<readonly RegExp[], Screen>();

/** Numbered or named back-references and named groups change meaning when patterns are joined. */
const UNJOINABLE = /\\[1-9k]|\(\?</;

/**
 * Joins a pattern set into one alternation per set of flags (`g` and `y` dropped: each line is
 * tested whole), so a line that matches none of them (nearly every line) costs one test
 * instead of one per pattern.
 */
function screenOf(patterns: readonly RegExp[]): Screen {
  let screen = screens.get(patterns);
  if (screen !== undefined) return screen;
  const byFlags = new Map<string, string[]>();
  for (const p of patterns) {
    const flags = p.flags.replace(/[gy]/g, '');
    const sources = byFlags.get(flags) ?? [];
    sources.push(`(?:${p.source})`);
    byFlags.set(flags, sources);
  }
  screen = patterns.some((p) => UNJOINABLE.test(p.source))
    ? null
    : [...byFlags].map(([flags, sources]) => new RegExp(sources.join('|'), flags));
  screens.set(patterns, screen);
  return screen;
}

function passesScreen(screen: Screen, line: string): boolean {
  return screen === null || screen.some((joined) => joined.test(line));
}

/**
 * Finds the first response line that means the device rejected the command. Patterns are
 * tested one line at a time (the echo already removed), so they can anchor at the start of a
 * line: text that merely contains "Error:" (a description, an ACL remark) does not match.
 */
export function findRejection(
  patterns: readonly RegExp[],
  responseLines: readonly string[],
): RejectionMatch | undefined {
  const screen = screenOf(patterns);
  for (const line of responseLines) {
    if (!passesScreen(screen, line)) continue;
    for (const pattern of patterns) {
      pattern.lastIndex = 0;
      if (pattern.test(line)) return { line, pattern };
    }
  }
  return undefined;
}
