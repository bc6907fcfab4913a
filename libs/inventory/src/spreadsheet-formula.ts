/**
 * Characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection"):
 * `=`, `+`, `-`, `@`, TAB, CR. Leading `'` are looked through, so that a value which itself
 * starts with `'=` survives an export and a re-import.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;

/** Whether a cell was neutralised by {@link neutraliseFormula}. */
const NEUTRALISED = /^'+[=+\-@\t\r]/;

/** Prefixes a `'` to a cell a spreadsheet would run as a formula (export side). */
export function neutraliseFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/**
 * Undoes {@link neutraliseFormula} (import side), so that an exported inventory re-imports
 * unchanged. Secret cells are never passed through this: they are never exported, and a
 * password may start with `'-`.
 */
export function restoreFormula(cell: string): string {
  return NEUTRALISED.test(cell) ? cell.slice(1) : cell;
}
