import type { NewDevice } from '@fleetpush/contracts';

/** The `column` of a problem with the header itself (missing or repeated columns). */
export const HEADER_PROBLEM = '(header)';

/** The `column` of a problem with a row as a whole (CSV syntax), not one of its cells. */
export const ROW_PROBLEM = '(row)';

/** One thing wrong with a row: which column (or {@link HEADER_PROBLEM} / {@link ROW_PROBLEM}) and what. */
export interface RowProblem {
  readonly column: string;
  readonly message: string;
}

/**
 * A row that was not imported. `line` is the physical line the row starts on, 1-based, as an
 * editor shows it (the header is line 1 unless comment or blank lines precede it; a row with a
 * quoted multi-line cell counts all its lines). `row` holds the row's cells by column, secret
 * cells replaced by `[redacted]`.
 */
export interface RejectedRow {
  readonly line: number;
  readonly problems: readonly RowProblem[];
  readonly row: Readonly<Record<string, string>>;
}

/**
 * What an import found. `devices` are the valid rows in file order, secrets sealed; `rejected`
 * the others in file order; `total` the number of data rows (blank and comment lines are not
 * rows). Storing is the caller's decision: see {@link devicesToStore}.
 */
export interface ImportResult {
  readonly devices: readonly NewDevice[];
  readonly rejected: readonly RejectedRow[];
  readonly total: number;
}

/**
 * The devices to store for an import. All-or-nothing by default (any rejected row, or a header
 * problem, stores nothing, as nw-edit did); `partial` stores the valid rows and leaves the
 * rejected ones to be fixed and imported again.
 */
export function devicesToStore(result: ImportResult, partial = false): readonly NewDevice[] {
  return partial || result.rejected.length === 0 ? result.devices : [];
}
