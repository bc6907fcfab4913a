import type { RowProblem } from './import-result';

/** A row's identity for duplicate detection. */
export interface KeyedRow {
  readonly key: string;
  readonly line: number;
}

/**
 * Rows that share a device key with another row: every one of them gets a problem naming the
 * other lines, so that the operator sees both ends of each duplicate. Returns problems by the
 * row's index in `rows`.
 */
export function duplicateRowProblems(
  rows: readonly (KeyedRow | undefined)[],
): Map<number, RowProblem> {
  const byKey = new Map<string, { index: number; line: number }[]>();
  rows.forEach((row, index) => {
    if (row === undefined) return;
    const seen = byKey.get(row.key);
    if (seen) seen.push({ index, line: row.line });
    else byKey.set(row.key, [{ index, line: row.line }]);
  });
  const problems = new Map<number, RowProblem>();
  for (const [key, seen] of byKey) {
    if (seen.length < 2) continue;
    for (const { index } of seen) {
      const others = seen.filter((s) => s.index !== index).map((s) => s.line);
      problems.set(index, {
        column: 'host',
        message: `duplicate device ${key}: also on line${others.length > 1 ? 's' : ''} ${others.join(', ')}`,
      });
    }
  }
  return problems;
}
