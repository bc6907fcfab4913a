import type { NewDevice } from '@fleetpush/contracts';
import Papa from 'papaparse';
import { isVariableColumn } from './csv-columns';
import { neutraliseFormula } from './spreadsheet-formula';

/**
 * The exported columns: the import's own, less the secrets (`password`, `secret`), which an
 * export never carries. Variable columns follow, in order of first appearance.
 */
const EXPORT_COLUMNS = [
  'host',
  'port',
  'device_type',
  'username',
  'name',
  'verify_cmds',
  'host_vars',
  'prod',
  'credential',
  'tags',
  'host_key',
] as const;

/**
 * Joins verify commands the way the import splits them: `;` inside a command is written `\;`,
 * and a command ending in `\` gets a space so that its separator is not read as escaped.
 */
export function joinVerifyCommands(commands: readonly string[]): string {
  return commands
    .map((command) => {
      const escaped = command.replace(/;/g, '\\;');
      return escaped.endsWith('\\') ? `${escaped} ` : escaped;
    })
    .join('; ');
}

function cellsOf(device: NewDevice): Record<(typeof EXPORT_COLUMNS)[number], string> {
  return {
    host: device.host,
    port: String(device.port),
    device_type: device.device_type,
    username: device.username ?? '',
    name: device.name ?? '',
    verify_cmds: joinVerifyCommands(device.verify_commands),
    host_vars: Object.keys(device.host_vars).length > 0 ? JSON.stringify(device.host_vars) : '',
    prod: device.prod ? 'true' : 'false',
    credential: device.credential ?? '',
    tags: device.tags.join(';'),
    host_key: device.host_key ?? '',
  };
}

/**
 * Exports devices (stored or freshly imported) as an inventory CSV that imports back to the
 * same devices: the import's columns without secrets, one column per template variable, and
 * every cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, TAB, CR first) prefixed
 * with `'`, which the import removes again. CRLF line breaks, as RFC 4180 and spreadsheets
 * expect.
 */
export function toCsv(devices: readonly NewDevice[]): string {
  const variables: string[] = [];
  const known = new Set<string>();
  for (const device of devices) {
    for (const name of Object.keys(device.vars)) {
      if (!known.has(name) && isVariableColumn(name)) {
        known.add(name);
        variables.push(name);
      }
    }
  }
  const header = [...EXPORT_COLUMNS, ...variables];
  const rows = devices.map((device) => {
    const cells: Record<string, string> = cellsOf(device);
    return header.map((column) => neutraliseFormula(cells[column] ?? device.vars[column] ?? ''));
  });
  return `${Papa.unparse([header, ...rows], { newline: '\r\n' })}\r\n`;
}
