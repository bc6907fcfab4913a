/** A response line that matched one of a platform's error patterns. */
export interface RejectionMatch {
  /** The whole matching line. */
  readonly line: string;
  /** The pattern that matched, for diagnostics. */
  readonly pattern: RegExp;
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
  for (const line of responseLines) {
    for (const pattern of patterns) {
      pattern.lastIndex = 0;
      if (pattern.test(line)) return { line, pattern };
    }
  }
  return undefined;
}
