import { CSV_COLUMN_ALIASES, REQUIRED_CSV_COLUMNS } from '@fleetpush/contracts';
import type { CsvRecord } from './csv-record-reader';
import { HEADER_PROBLEM, type RowProblem } from './import-result';

/**
 * The header of an inventory CSV: one name per cell position, trimmed and lower-cased
 * (` Host ` is `host`), aliases resolved (`enable_secret` is `secret`); `undefined` for a blank
 * header cell, whose column is ignored.
 */
export interface CsvHeader {
  readonly columns: readonly (string | undefined)[];
  /** The physical line of the header (1 unless comment or blank lines come first). */
  readonly line: number;
}

function repeatedColumns(columns: readonly (string | undefined)[]): RowProblem[] {
  const seen = new Map<string, number>();
  const problems: RowProblem[] = [];
  columns.forEach((name, i) => {
    if (name === undefined) return;
    const first = seen.get(name);
    if (first === undefined) seen.set(name, i);
    else {
      problems.push({
        column: HEADER_PROBLEM,
        message: `column "${name}" appears more than once (columns ${first + 1} and ${i + 1})`,
      });
    }
  });
  return problems;
}

/** Spreadsheets in many locales save "CSV" with `;` (or TAB) between cells: say so. */
function separatorHint(columns: readonly (string | undefined)[]): string {
  const only = columns.length === 1 ? columns[0] : undefined;
  const separator = only?.includes(';') ? '";"' : only?.includes('\t') ? 'TAB' : undefined;
  return separator
    ? ` (cells seem to be separated by ${separator}: save the file with commas)`
    : '';
}

function columnName(cell: string): string | undefined {
  if (cell === '') return undefined;
  return Object.hasOwn(CSV_COLUMN_ALIASES, cell) ? CSV_COLUMN_ALIASES[cell] : cell;
}

/**
 * Reads the header record. Missing required columns are one problem naming all of them;
 * a repeated column is a problem too (which of the two cells would count is anyone's guess).
 */
export function parseCsvHeader(
  record: CsvRecord,
): { ok: true; header: CsvHeader } | { ok: false; problems: RowProblem[] } {
  const columns = record.cells.map((cell) => columnName(cell.trim().toLowerCase()));
  const problems: RowProblem[] = record.syntaxErrors.map((message) => ({
    column: HEADER_PROBLEM,
    message,
  }));
  const missing = REQUIRED_CSV_COLUMNS.filter((name) => !columns.includes(name));
  if (missing.length > 0) {
    problems.push({
      column: HEADER_PROBLEM,
      message: `the header is missing required column(s): ${missing.join(', ')}${separatorHint(columns)}`,
    });
  }
  problems.push(...repeatedColumns(columns));
  return problems.length > 0
    ? { ok: false, problems }
    : { ok: true, header: { columns, line: record.line } };
}
