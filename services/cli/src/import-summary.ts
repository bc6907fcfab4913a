import type { ImportResultView } from '@fleetpush/contracts';

/**
 * The line `devices import` prints: what was stored, and for a replace how many devices it
 * deleted (in the inventory, not in the file), which an operator must not have to guess.
 */
export function importSummary(result: ImportResultView): string {
  const removed = result.mode === 'replace' ? `, ${result.removed ?? 0} removed` : '';
  return `imported ${result.imported} of ${result.total} devices (${result.mode}: ${result.created} created, ${result.updated} updated${removed})`;
}
