import { pipeline, type Readable } from 'node:stream';
import Papa, { type ParseError, type Parser, type ParseStepResult } from 'papaparse';
import { CsvLineCounter } from './csv-line-counter';
import { CsvTextDecoder, normaliseCsvText } from './csv-text';
import { ImportReadError, ImportTooLargeError } from './errors';

/** One CSV record (a row, possibly spanning lines through quoted line breaks). */
export interface CsvRecord {
  /** The cells, unquoted, untrimmed. */
  readonly cells: readonly string[];
  /** The physical line the record starts on (1-based, as an editor numbers lines). */
  readonly line: number;
  /** Syntax problems of this record (an unclosed or stray quote), as messages. */
  readonly syntaxErrors: readonly string[];
}

/** What a record handler tells the reader: go on, or stop reading (the rest is not wanted). */
export type RecordVerdict = 'continue' | 'stop';

/** Options of {@link readCsvRecords}. */
export interface CsvRecordReaderOptions {
  /** Inputs larger than this fail with {@link ImportTooLargeError}. */
  readonly maxBytes: number;
  /** Called for every record, comment lines excluded; throwing stops the read with that error. */
  readonly onRecord: (record: CsvRecord) => RecordVerdict;
}

/** Why papaparse flagged a record, in words an operator can act on. */
function syntaxMessage(error: ParseError): string {
  if (error.code === 'MissingQuotes') {
    return 'a quoted cell is never closed (a " is missing); the rest of the file was read into it';
  }
  if (error.code === 'InvalidQuotes') return 'a quoted cell has text after its closing "';
  return error.message;
}

/** A stream failure as the importer reports it: a size limit as is, anything else as unreadable. */
function asReadFailure(error: unknown): Error {
  if (error instanceof ImportTooLargeError || error instanceof ImportReadError) return error;
  return new ImportReadError('the CSV stream failed before it ended', { cause: error });
}

/** Counts the line breaks inside a record's cells (quoted multi-line cells). */
function innerBreaks(cells: readonly string[]): number {
  let n = 0;
  for (const cell of cells)
    for (let i = cell.indexOf('\n'); i !== -1; i = cell.indexOf('\n', i + 1)) n += 1;
  return n;
}

/**
 * The line a record starts on, from where it ends: the breaks before its end, less the
 * breaks inside its cells, less its terminating break. A record with an unclosed quote has
 * no terminator: everything up to the end of the input is inside its last cell.
 */
function startLine(counter: CsvLineCounter, results: ParseStepResult<string[]>): number {
  const breaks = counter.breaksBefore(results.meta.cursor);
  const unclosed = results.errors.some((e) => e.code === 'MissingQuotes');
  const terminated = counter.lastChar === '\n' && !unclosed;
  return breaks + 1 - innerBreaks(results.data) - (terminated ? 1 : 0);
}

/**
 * Parses records one by one, calling `onRecord` as they complete. Papaparse settings are fixed
 * (never guessed): `,` delimiter, `"` quotes, `#` comment lines (skipped), no header handling.
 */
function parse(
  source: string | Readable,
  counter: CsvLineCounter,
  onRecord: CsvRecordReaderOptions['onRecord'],
  settle: (error?: unknown) => void,
): void {
  const step = (results: ParseStepResult<string[]>, parser: Parser): void => {
    try {
      const cells = results.data;
      const line = startLine(counter, results);
      const syntaxErrors = results.errors.map(syntaxMessage);
      if (onRecord({ cells, line, syntaxErrors }) === 'stop') {
        parser.abort();
      }
    } catch (error) {
      // Settle first: aborting calls `complete`, which would settle as a success.
      settle(error);
      parser.abort();
    }
  };
  const config = {
    delimiter: ',',
    newline: '\n' as const,
    quoteChar: '"',
    comments: '#',
    header: false,
    skipEmptyLines: false,
    step,
    complete: () => settle(),
    error: (error: Error) => settle(asReadFailure(error)),
  };
  if (typeof source === 'string') Papa.parse<string[]>(source, config);
  else Papa.parse<string[]>(source, config);
}

/**
 * Reads a CSV text or byte stream record by record: BOM dropped, CRLF/CR/LF line breaks,
 * quoted cells with commas, quotes and line breaks, `#` comment lines skipped, each record
 * numbered by the physical line it starts on. Resolves when the input is consumed or a
 * handler said `stop`; rejects with {@link ImportTooLargeError} past `maxBytes`, with
 * {@link ImportReadError} when the stream fails, or with what `onRecord` threw. A stream is
 * destroyed when reading stops early.
 */
export function readCsvRecords(
  input: string | Readable,
  options: CsvRecordReaderOptions,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const counter = new CsvLineCounter();
    let settled = false;
    let stopStream: () => void = () => undefined;
    const settle = (error?: unknown): void => {
      if (settled) return;
      settled = true;
      stopStream();
      if (error === undefined) resolve();
      else reject(error);
    };
    if (typeof input === 'string') {
      if (Buffer.byteLength(input, 'utf8') > options.maxBytes) {
        settle(new ImportTooLargeError('bytes', options.maxBytes));
        return;
      }
      const text = normaliseCsvText(input);
      counter.push(text);
      parse(text, counter, options.onRecord, settle);
      return;
    }
    const decoder = new CsvTextDecoder(options.maxBytes, (text) => counter.push(text));
    stopStream = () => {
      decoder.destroy();
      input.destroy();
    };
    pipeline(input, decoder, (error) => {
      if (error) settle(asReadFailure(error));
    });
    parse(decoder, counter, options.onRecord, settle);
  });
}
