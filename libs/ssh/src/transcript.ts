/** A session transcript as handed out: redacted, capped, and saying whether it was cut. */
export interface TranscriptSnapshot {
  readonly text: string;
  readonly truncated: boolean;
  /** Size in UTF-8 bytes of everything recorded, before capping. */
  readonly originalBytes: number;
}

/**
 * A capped transcript. It keeps the first half of the budget (login, banner, the first
 * commands) and the most recent half (where a failure is), and marks the gap; the cap is in
 * UTF-8 bytes and never splits a character.
 */
export class Transcript {
  private readonly headBudget: number;
  private readonly tailBudget: number;
  private head = '';
  private headBytes = 0;
  private tail: string[] = [];
  private tailBytes = 0;
  private total = 0;
  private dropped = false;

  constructor(maxBytes: number) {
    const max = Math.max(0, Math.floor(maxBytes));
    this.headBudget = Math.floor(max / 2);
    this.tailBudget = max - this.headBudget;
  }

  /** Appends (already redacted) text. */
  append(text: string): void {
    if (text === '') return;
    const bytes = Buffer.byteLength(text);
    this.total += bytes;
    let rest = text;
    if (!this.dropped && this.headBytes < this.headBudget) {
      const taken = takeBytes(rest, this.headBudget - this.headBytes);
      this.head += taken;
      this.headBytes += Buffer.byteLength(taken);
      rest = rest.slice(taken.length);
      if (rest === '') return;
    }
    this.tail.push(rest);
    this.tailBytes += Buffer.byteLength(rest);
    this.trimTail();
  }

  /** The transcript so far. */
  snapshot(): TranscriptSnapshot {
    const tail = this.tail.join('');
    const text = this.dropped
      ? `${this.head}\n[... ${this.total - this.headBytes - this.tailBytes} bytes omitted ...]\n${tail}`
      : this.head + tail;
    return { text, truncated: this.dropped, originalBytes: this.total };
  }

  private trimTail(): void {
    while (this.tailBytes > this.tailBudget) {
      const first = this.tail[0];
      if (first === undefined) return;
      const excess = this.tailBytes - this.tailBudget;
      const firstBytes = Buffer.byteLength(first);
      this.dropped = true;
      if (firstBytes <= excess) {
        this.tail.shift();
        this.tailBytes -= firstBytes;
      } else {
        const cut = dropBytes(first, excess);
        this.tail[0] = cut;
        this.tailBytes -= firstBytes - Buffer.byteLength(cut);
      }
    }
  }
}

/** The longest prefix of `text` that fits in `budget` UTF-8 bytes. */
function takeBytes(text: string, budget: number): string {
  if (Buffer.byteLength(text) <= budget) return text;
  const buf = Buffer.from(text).subarray(0, budget);
  // Drop a trailing partial character (decoding would turn it into U+FFFD).
  return buf.toString('utf8').replace(/\uFFFD$/, '');
}

/** `text` without at least `bytes` leading UTF-8 bytes, cut at a character boundary. */
function dropBytes(text: string, bytes: number): string {
  const buf = Buffer.from(text);
  let start = bytes;
  // Skip UTF-8 continuation bytes (10xxxxxx) so the cut lands on a character start.
  while (start < buf.length && ((buf[start] ?? 0) & 0xc0) === 0x80) start++;
  return buf.subarray(start).toString('utf8');
}
