/** Whether a UTF-16 unit needs the slow path: C0 controls (ESC among them) and DEL. */
function isSpecial(code: number): boolean {
  return code < 0x20 || code === 0x7f;
}

/**
 * Where the next special character (see {@link isSpecial}) is in `text` from `from` on
 * (`text.length` if none). A plain loop: a global pattern's `exec` would allocate a match for
 * every line.
 */
function nextSpecial(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (isSpecial(text.charCodeAt(i))) return i;
  }
  return text.length;
}

/** An escape sequence is complete once its final byte arrives; this bounds a runaway one. */
const MAX_ESCAPE_LENGTH = 64;

/**
 * What a terminal would show, as text: a streaming line discipline for device output.
 *
 * It strips ANSI escape sequences (CSI, OSC, charset selection), even when one is split
 * across reads; folds CR/LF variants (`\r\n`, `\r\r\n`, `\n\r`) into `\n`; and applies the
 * overwrite semantics of a lone `\r`, backspace, `ESC[K` and cursor moves to the current
 * line, which is how pagers and line editors erase what they printed. Completed lines are
 * right-trimmed and appended to `committed`; the unterminated last line (where prompts and
 * pager prompts live) is `partial`.
 */
export class ScreenBuffer {
  private committedText = '';
  private line = '';
  private col = 0;
  private pendingCr = false;
  private escape = '';
  private linesCommitted = 0;

  /**
   * Feeds decoded device output. Returns the text committed by this call (whole lines,
   * each ending in `\n`), for transcripts and live taps.
   */
  write(text: string): string {
    const before = this.committedText.length;
    let i = 0;
    while (i < text.length) {
      if (this.escape !== '' || this.pendingCr) {
        this.slowChar(text.charAt(i));
        i += 1;
        continue;
      }
      const end = nextSpecial(text, i);
      if (end > i) this.put(text.slice(i, end));
      if (end === text.length) break;
      i = this.controlAt(text, end);
    }
    return this.committedText.slice(before);
  }

  /** Completed lines since the last {@link resetCommitted}, each ending in `\n`. */
  get committed(): string {
    return this.committedText;
  }

  /** The unterminated last line as displayed. */
  get partial(): string {
    return this.line;
  }

  /** How many lines have been completed since this buffer was created. */
  get lineCount(): number {
    return this.linesCommitted;
  }

  /** Forgets completed lines (they are in the transcript already); keeps the partial line. */
  resetCommitted(): void {
    this.committedText = '';
  }

  /** Erases the partial line (a pager prompt that has been answered). */
  clearPartial(): void {
    this.line = '';
    this.col = 0;
  }

  /** Commits the partial line as a last line (at close), returning what was committed. */
  flush(): string {
    if (this.line === '') return '';
    const before = this.committedText.length;
    this.newline();
    return this.committedText.slice(before);
  }

  /** Applies the control character at `at`; returns where the text goes on. */
  private controlAt(text: string, at: number): number {
    // CR LF, the common line end, in one step (what the CR-then-LF path does)
    if (text.charCodeAt(at) === 0x0d && text.charCodeAt(at + 1) === 0x0a) {
      this.newline();
      return at + 2;
    }
    this.slowChar(text.charAt(at));
    return at + 1;
  }

  private slowChar(ch: string): void {
    if (this.escape !== '') {
      this.escapeChar(ch);
      return;
    }
    if (this.pendingCr) {
      this.pendingCr = false;
      if (ch === '\n') {
        this.newline();
        return;
      }
      this.col = 0;
    }
    this.control(ch);
  }

  private control(ch: string): void {
    switch (ch) {
      case '\n':
        this.newline();
        return;
      case '\r':
        this.pendingCr = true;
        return;
      case '\b':
        this.col = Math.max(0, this.col - 1);
        return;
      case '\t':
        this.put('\t');
        return;
      case '\x1b':
        this.escape = ch;
        return;
      default:
        if (!isSpecial(ch.charCodeAt(0))) this.put(ch);
    }
  }

  private escapeChar(ch: string): void {
    this.escape += ch;
    const seq = this.escape;
    if (seq.length === 2) {
      // ESC [ (CSI), ESC ] (OSC) and ESC ( / ) (charset) continue; others are 2 bytes long.
      if (!'[]()'.includes(ch)) this.escape = '';
      return;
    }
    const kind = seq.charAt(1);
    if (kind === '(' || kind === ')') this.escape = '';
    else if (kind === ']') this.endOsc(seq, ch);
    else if (ch >= '@' && ch <= '~') this.endCsi(seq);
    if (this.escape.length > MAX_ESCAPE_LENGTH) this.escape = '';
  }

  private endOsc(seq: string, ch: string): void {
    if (ch === '\x07' || seq.endsWith('\x1b\\')) this.escape = '';
  }

  private endCsi(seq: string): void {
    this.escape = '';
    const final = seq.charAt(seq.length - 1);
    const n = Number.parseInt(seq.slice(2, -1), 10);
    const count = Number.isNaN(n) || n < 1 ? 1 : n;
    if (final === 'K') this.eraseLine(seq.slice(2, -1));
    else if (final === 'D') this.col = Math.max(0, this.col - count);
    else if (final === 'C') this.col = Math.min(this.line.length, this.col + count);
    else if (final === 'G') this.col = Math.min(this.line.length, count - 1);
  }

  private eraseLine(param: string): void {
    if (param === '' || param === '0') this.line = this.line.slice(0, this.col);
    else if (param === '2') this.line = '';
    else if (param === '1') this.line = ' '.repeat(this.col) + this.line.slice(this.col);
  }

  private put(run: string): void {
    if (this.col === this.line.length) {
      this.line += run;
    } else {
      const pad = this.col > this.line.length ? ' '.repeat(this.col - this.line.length) : '';
      this.line = this.line.slice(0, this.col) + pad + run + this.line.slice(this.col + run.length);
    }
    this.col += run.length;
  }

  private newline(): void {
    this.committedText += this.line.trimEnd() + '\n';
    this.line = '';
    this.col = 0;
    this.linesCommitted += 1;
  }
}
