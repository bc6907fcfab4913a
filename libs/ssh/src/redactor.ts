/** Markers tried in order; the first that contains no secret is used, so a marker never leaks one. */
const MARKERS = ['********', '<redacted>', '########', '[secret]', '\u2022\u2022\u2022\u2022'];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Replaces secrets (passwords, enable secrets, key passphrases, extra secrets) in text.
 *
 * Used on whole strings (`redact`) and on streams (`push`/`flush`): a stream may split a
 * secret across two reads, so `push` holds back the longest tail of what it has seen that
 * could still grow into a secret, and emits it only once the next read (or `flush`) shows it
 * cannot. Matching happens before the hold-back, so no emitted prefix plus a later suffix can
 * ever spell a secret.
 */
export class Redactor {
  private readonly secrets: readonly string[];
  private readonly pattern: RegExp | undefined;
  readonly marker: string;
  private held = '';

  constructor(secrets: readonly (string | undefined)[]) {
    const unique = [
      ...new Set(secrets.filter((s): s is string => typeof s === 'string' && s !== '')),
    ];
    // Longest first, so that the alternation prefers the longest secret at a position.
    this.secrets = unique.sort((a, b) => b.length - a.length);
    this.pattern =
      this.secrets.length === 0
        ? undefined
        : new RegExp(this.secrets.map(escapeRegExp).join('|'), 'g');
    this.marker = MARKERS.find((m) => this.secrets.every((s) => !m.includes(s))) ?? '';
  }

  /** Whether there is anything to redact. */
  get active(): boolean {
    return this.pattern !== undefined;
  }

  /** Redacts a complete string. */
  redact(text: string): string {
    if (this.pattern === undefined) return text;
    let out = text;
    // A replacement can join text into a new occurrence (secret "ab", text "aabb"): repeat.
    for (let i = 0; i < 8 && out !== (out = out.replace(this.pattern, this.marker)); i++);
    return out;
  }

  /** Redacts a stream chunk: returns what is safe to emit now. */
  push(chunk: string): string {
    if (this.pattern === undefined) return chunk;
    const text = this.redact(this.held + chunk);
    const keep = this.dangerousTail(text);
    this.held = text.slice(text.length - keep);
    return text.slice(0, text.length - keep);
  }

  /** Ends the stream: returns what was held back. */
  flush(): string {
    const rest = this.held;
    this.held = '';
    return rest;
  }

  /** Length of the longest suffix of `text` that is a proper prefix of a secret. */
  private dangerousTail(text: string): number {
    let best = 0;
    for (const secret of this.secrets) {
      const max = Math.min(secret.length - 1, text.length);
      for (let n = max; n > best; n--) {
        if (text.endsWith(secret.slice(0, n))) {
          best = n;
          break;
        }
      }
    }
    return best;
  }
}
