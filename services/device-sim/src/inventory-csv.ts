import type { SimDevice } from './sim-device';

/** Columns of the inventory CSV, in the order fleetpush's importer reads them. */
export const INVENTORY_COLUMNS = [
  'host',
  'port',
  'device_type',
  'username',
  'password',
  'name',
  'prod',
  'enable_secret',
] as const;

function cell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The inventory CSV of a fleet (header + one row per device, CRLF-free, trailing newline). */
export function inventoryCsv(devices: readonly SimDevice[]): string {
  const rows = devices.map((d) =>
    [
      d.host,
      String(d.port),
      d.platform,
      d.username,
      d.password,
      d.hostname,
      d.prod ? 'true' : 'false',
      d.enableSecret ?? '',
    ]
      .map(cell)
      .join(','),
  );
  return `${[INVENTORY_COLUMNS.join(','), ...rows].join('\n')}\n`;
}
