import type { Readable } from 'node:stream';
import type { NewDevice } from '@fleetpush/contracts';
import { isSecretColumn } from './csv-columns';
import { parseCsvHeader, type CsvHeader } from './csv-header';
import { readCsvRecords, type CsvRecord, type RecordVerdict } from './csv-record-reader';
import { duplicateRowProblems, type KeyedRow } from './duplicate-rows';
import { ImportTooLargeError } from './errors';
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from './import-limits';
import {
  HEADER_PROBLEM,
  ROW_PROBLEM,
  type ImportResult,
  type RejectedRow,
  type RowProblem,
} from './import-result';
import { parseDeviceRow } from './parse-device-row';
import { redactRow, scrubSecrets, secretsOf } from './redaction';
import type { SecretBox } from './secret-box';
import { restoreFormula } from './spreadsheet-formula';

/** Progress is reported every this many rows: often enough for a bar, rare enough to be free. */
const DEFAULT_PROGRESS_EVERY = 1_000;

/** Options of {@link importDevices}. */
export interface ImportDevicesOptions {
  /** Seals passwords and enable secrets (the device key is the authenticated context). */
  readonly secrets: SecretBox;
  /** Default {@link MAX_IMPORT_BYTES}. */
  readonly maxBytes?: number;
  /** Data rows allowed; default {@link MAX_IMPORT_ROWS}. */
  readonly maxRows?: number;
  /** Called with the number of data rows parsed so far, every `progressEvery` rows and at the end. */
  readonly onProgress?: (rowsParsed: number) => void;
  /** Default 1,000. */
  readonly progressEvery?: number;
}

/** A parsed data row, kept until duplicates are known. */
interface Entry {
  readonly line: number;
  readonly row: Readonly<Record<string, string>>;
  readonly keyed?: KeyedRow;
  readonly device?: NewDevice;
  readonly problems: readonly RowProblem[];
}

function isBlank(record: CsvRecord): boolean {
  return record.cells.every((cell) => cell.trim() === '');
}

/** The row as column → cell; extra cells beyond the header are dropped. */
function rowOf(header: CsvHeader, cells: readonly string[]): Record<string, string> {
  const row = Object.create(null) as Record<string, string>;
  header.columns.forEach((column, i) => {
    const cell = cells[i];
    if (column === undefined || cell === undefined) return;
    row[column] = isSecretColumn(column) ? cell : restoreFormula(cell);
  });
  return row;
}

/** The import of one CSV, fed record by record. */
class DeviceImport {
  private header?: CsvHeader;
  private headerProblem?: RejectedRow;
  private readonly entries: Entry[] = [];
  /** Every secret cell value of the file: a rejected row must not show another row's secret. */
  private readonly fileSecrets = new Set<string>();

  constructor(private readonly options: ImportDevicesOptions) {}

  onRecord(record: CsvRecord): RecordVerdict {
    if (isBlank(record)) return 'continue';
    if (this.header === undefined) return this.onHeader(record);
    const maxRows = this.options.maxRows ?? MAX_IMPORT_ROWS;
    if (this.entries.length >= maxRows) throw new ImportTooLargeError('rows', maxRows);
    this.entries.push(this.entryOf(this.header, record));
    const every = this.options.progressEvery ?? DEFAULT_PROGRESS_EVERY;
    if (this.entries.length % every === 0) this.options.onProgress?.(this.entries.length);
    return 'continue';
  }

  private onHeader(record: CsvRecord): RecordVerdict {
    const parsed = parseCsvHeader(record);
    if (parsed.ok) {
      this.header = parsed.header;
      return 'continue';
    }
    this.headerProblem = { line: record.line, problems: parsed.problems, row: {} };
    return 'stop';
  }

  private entryOf(header: CsvHeader, record: CsvRecord): Entry {
    const row = rowOf(header, record.cells);
    for (const secret of secretsOf(row)) this.fileSecrets.add(secret);
    const parsed = parseDeviceRow(row, this.options.secrets);
    const syntax = record.syntaxErrors.map((message) => ({ column: ROW_PROBLEM, message }));
    const problems = [...syntax, ...parsed.problems];
    return {
      line: record.line,
      row,
      keyed: parsed.key === undefined ? undefined : { key: parsed.key, line: record.line },
      device: problems.length === 0 ? parsed.device : undefined,
      problems,
    };
  }

  result(): ImportResult {
    if (this.headerProblem) return { devices: [], rejected: [this.headerProblem], total: 0 };
    if (this.header === undefined) return { devices: [], rejected: [noHeader()], total: 0 };
    const total = this.entries.length;
    if (total % (this.options.progressEvery ?? DEFAULT_PROGRESS_EVERY) !== 0) {
      this.options.onProgress?.(total);
    }
    const duplicates = duplicateRowProblems(this.entries.map((e) => e.keyed));
    const devices: NewDevice[] = [];
    const rejected: RejectedRow[] = [];
    this.entries.forEach((entry, i) => {
      const duplicate = duplicates.get(i);
      const problems = duplicate ? [...entry.problems, duplicate] : entry.problems;
      if (problems.length === 0 && entry.device) devices.push(entry.device);
      else rejected.push(this.rejectedRow(entry, problems));
    });
    return { devices, rejected, total };
  }

  /**
   * A rejected row, redacted: its own secrets anywhere in it, and any cell that is exactly
   * another row's secret (a shared lab password typed as someone's username).
   */
  private rejectedRow(entry: Entry, problems: readonly RowProblem[]): RejectedRow {
    const foreign = Object.values(entry.row).flatMap((cell) =>
      [cell, cell.trim()].filter((v) => this.fileSecrets.has(v)),
    );
    const row = redactRow(entry.row);
    if (foreign.length === 0) return { line: entry.line, problems, row };
    const secrets = [...new Set(foreign)].sort((a, b) => b.length - a.length);
    for (const column of Object.keys(row)) row[column] = scrubSecrets(row[column] ?? '', secrets);
    return {
      line: entry.line,
      problems: problems.map((p) => ({ ...p, message: scrubSecrets(p.message, secrets) })),
      row,
    };
  }
}

function noHeader(): RejectedRow {
  return {
    line: 1,
    problems: [
      {
        column: HEADER_PROBLEM,
        message: 'the CSV is empty: a header row (host,device_type,…) is required',
      },
    ],
    row: {},
  };
}

/**
 * Imports an inventory CSV (a string, or a byte stream for large bodies) without touching any
 * device: parses it (BOM, CRLF/CR/LF, quoted cells, `#` comment lines, blank rows skipped,
 * extra cells ignored), validates each row with `deviceRowSchema`, rejects both rows of every
 * duplicate device key, seals secrets, and collects extra identifier columns as template
 * variables. Rows are numbered by the physical line they start on (header = line 1 when it is
 * the first line). Rejects with {@link ImportTooLargeError} past the byte or row limit and
 * with `ImportReadError` when the stream fails; never rejects for bad content.
 */
export async function importDevices(
  input: string | Readable,
  options: ImportDevicesOptions,
): Promise<ImportResult> {
  const state = new DeviceImport(options);
  await readCsvRecords(input, {
    maxBytes: options.maxBytes ?? MAX_IMPORT_BYTES,
    onRecord: (record) => state.onRecord(record),
  });
  return state.result();
}
