import type { ConnectionReport } from '@fleetpush/contracts';
import { table } from './result-view';

/**
 * The connection check of `devices import --validate` for a terminal: one summary line, then
 * a table of the devices that did not log in (a clean check prints the summary only).
 */
export function renderConnectionReport(report: ConnectionReport): string {
  const summary = `connection check: ${report.checked} checked, ${report.reachable} reachable, ${report.login_ok} logged in`;
  const failed = report.devices.filter((d) => !d.login);
  if (failed.length === 0) return `${summary}\n`;
  const rows = failed.map((d) => [
    d.key,
    d.reachable ? 'reachable' : 'unreachable',
    d.error_code ?? 'login_failed',
  ]);
  return `${summary}\n${table([['KEY', 'PORT', 'ERROR'], ...rows])}\n`;
}
