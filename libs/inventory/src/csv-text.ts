import { StringDecoder } from 'node:string_decoder';
import { Transform, type TransformCallback } from 'node:stream';
import { ImportTooLargeError } from './errors';

const BOM = '\uFEFF';

/**
 * A CSV text as the parser sees it: without a leading BOM and with every line break (CRLF,
 * lone CR, LF) turned into LF, inside quoted cells too. Line numbers then count what an
 * editor counts, and files with mixed line endings parse like uniform ones.
 */
export function normaliseCsvText(text: string): string {
  const body = text.startsWith(BOM) ? text.slice(1) : text;
  return body.replace(/\r\n?/g, '\n');
}

/**
 * The streaming form of {@link normaliseCsvText}: bytes in (UTF-8, multi-byte characters may
 * be split across chunks), normalised text out, each piece also handed to `onText` (the line
 * counter). Fails with {@link ImportTooLargeError} as soon as more than `maxBytes` arrived.
 */
export class CsvTextDecoder extends Transform {
  private readonly decoder = new StringDecoder('utf8');
  private bytes = 0;
  private started = false;
  /** A CR at the end of a piece: LF or not, decided by the next piece. */
  private pendingCr = false;

  constructor(
    private readonly maxBytes: number,
    private readonly onText: (text: string) => void,
  ) {
    super({ readableObjectMode: true });
  }

  override _transform(
    chunk: Buffer | string,
    encoding: BufferEncoding,
    done: TransformCallback,
  ): void {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, encoding) : chunk;
    this.bytes += bytes.length;
    if (this.bytes > this.maxBytes) {
      done(new ImportTooLargeError('bytes', this.maxBytes));
      return;
    }
    this.emitText(this.decoder.write(bytes), false);
    done();
  }

  override _flush(done: TransformCallback): void {
    this.emitText(this.decoder.end(), true);
    done();
  }

  private emitText(decoded: string, final: boolean): void {
    let text = (this.pendingCr ? '\r' : '') + decoded;
    this.pendingCr = !final && text.endsWith('\r');
    if (this.pendingCr) text = text.slice(0, -1);
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.startsWith(BOM)) text = text.slice(1);
    }
    text = text.replace(/\r\n?/g, '\n');
    if (text.length === 0) return;
    this.onText(text);
    this.push(text);
  }
}
