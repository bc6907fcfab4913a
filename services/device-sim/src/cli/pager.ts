import type { PagerStyle } from './cli-personality';

/** What one key press at a `--More--` marker prints, and whether paging is over. */
export interface PagerStep {
  readonly text: string;
  readonly done: boolean;
}

/**
 * Long output shown a screen at a time, as IOS, NX-OS, EOS and Junos do when paging is on:
 * space shows the next screen, Enter one more line, any other key (`q`) drops the rest.
 */
export class Pager {
  private shown = 0;

  constructor(
    private readonly lines: readonly string[],
    private readonly perPage: number,
    private readonly style: PagerStyle,
  ) {}

  /** The first screen followed by the marker. */
  firstPage(eol: string): string {
    return this.take(this.perPage, eol) + this.marker();
  }

  /** Handles one key typed at the marker. */
  key(ch: string, eol: string): PagerStep {
    let count = 0;
    if (ch === ' ') count = this.perPage;
    else if (ch === '\r' || ch === '\n') count = 1;
    const text = this.style.erase + this.take(count, eol);
    const done = count === 0 || this.shown >= this.lines.length;
    return { text: done ? text : text + this.marker(), done };
  }

  private take(count: number, eol: string): string {
    const slice = this.lines.slice(this.shown, this.shown + count);
    this.shown += slice.length;
    return slice.map((l) => l + eol).join('');
  }

  private marker(): string {
    const pct = Math.floor((this.shown * 100) / Math.max(1, this.lines.length));
    return this.style.prompt.replace('{pct}', String(pct));
  }
}
