/**
 * Maps character offsets of a text that arrives in chunks to 1-based line numbers, in one
 * forward pass: offsets must be asked for in increasing order, and text already counted is
 * dropped, so a 20 MiB stream costs a chunk of memory, not the file. The text must have its
 * line breaks normalised to `\n`.
 */
export class CsvLineCounter {
  private readonly chunks: string[] = [];
  /** Read position inside `chunks[0]`. */
  private pos = 0;
  /** Absolute offset up to which line breaks have been counted. */
  private counted = 0;
  private breaks = 0;
  private last = '';

  /** Appends the next piece of text. */
  push(text: string): void {
    if (text.length > 0) this.chunks.push(text);
  }

  /** How many line breaks the text holds before `offset`. */
  breaksBefore(offset: number): number {
    this.advanceTo(offset);
    return this.breaks;
  }

  /** The character just before the last offset asked for (`''` at the start). */
  get lastChar(): string {
    return this.last;
  }

  private advanceTo(offset: number): void {
    while (this.counted < offset) {
      const chunk = this.chunks[0];
      if (chunk === undefined) throw new RangeError(`offset ${offset} is past the text seen`);
      const end = Math.min(chunk.length, this.pos + (offset - this.counted));
      for (
        let i = chunk.indexOf('\n', this.pos);
        i !== -1 && i < end;
        i = chunk.indexOf('\n', i + 1)
      ) {
        this.breaks += 1;
      }
      this.last = chunk.charAt(end - 1);
      this.counted += end - this.pos;
      this.pos = end;
      if (end === chunk.length) {
        this.chunks.shift();
        this.pos = 0;
      }
    }
  }
}
