import { REACHABILITY_STATES, reachabilityState } from '@fleetpush/contracts';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { clientFor } from '../cli-context';
import { UsageError } from '../cli-errors';
import type { CliIo } from '../cli-io';
import { renderConnectionReport } from '../connection-report-view';
import { ExitCode } from '../exit-codes';
import { importSummary } from '../import-summary';
import {
  choiceFlag,
  commandArgs,
  CONNECTION_OPTIONS,
  CONNECTION_USAGE,
  PAGE_OPTIONS,
  pageFlags,
} from '../parse-flags';
import { table } from '../result-view';

/** Usage of `fleetpush devices import`. */
export const DEVICES_IMPORT_USAGE = `usage: fleetpush devices import FILE [--partial] [--validate] [--merge]
  FILE         inventory CSV (host,port,device_type,username,password|credential,...)
  --partial    store the valid rows and list the rejected ones (default: all or nothing)
  --validate   after storing, log in to every stored device over SSH and report who did not
  --merge      add and update devices instead of replacing the inventory
${CONNECTION_USAGE}`;

/** Usage of `fleetpush devices list`. */
export const DEVICES_LIST_USAGE = `usage: fleetpush devices list [--tag T] [--type PLATFORM] [--prod] [--text S]
                             [--reachability ${REACHABILITY_STATES.join('|')}] [--limit N] [--offset N]
  --reachability  by the last connection check (devices import --validate); unchecked: none yet
${CONNECTION_USAGE}`;

/** `fleetpush devices import FILE`: exit 0 when stored, 2 when the API refused the CSV. */
export async function devicesImport(args: readonly string[], io: CliIo): Promise<number> {
  const {
    values,
    args: [file = ''],
  } = commandArgs(
    args,
    {
      ...CONNECTION_OPTIONS,
      partial: { type: 'boolean' },
      validate: { type: 'boolean' },
      merge: { type: 'boolean' },
    },
    ['FILE'],
    DEVICES_IMPORT_USAGE,
  );
  const csv = await readFile(path.resolve(io.cwd, file), 'utf8').catch((error: unknown) => {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`, DEVICES_IMPORT_USAGE);
  });
  const client = await clientFor(values, io);
  const result = await client.devices.import(csv, {
    ...(values.merge && { mode: 'merge' }),
    ...(values.partial && { partial: true }),
    ...(values.validate && { validate: 'connect' }),
  });
  if (values.json) {
    io.stdout(`${JSON.stringify(result)}\n`);
    return ExitCode.completed;
  }
  io.stdout(`${importSummary(result)}\n`);
  for (const row of result.rejected) {
    for (const p of row.problems)
      io.stdout(`rejected line ${row.line}: ${p.column}: ${p.message}\n`);
  }
  if (result.connection) io.stdout(renderConnectionReport(result.connection));
  return ExitCode.completed;
}

/** `fleetpush devices list`: one page of the inventory as a table (or JSON). */
export async function devicesList(args: readonly string[], io: CliIo): Promise<number> {
  const u = DEVICES_LIST_USAGE;
  const { values } = commandArgs(
    args,
    {
      ...CONNECTION_OPTIONS,
      tag: { type: 'string' },
      type: { type: 'string' },
      prod: { type: 'boolean' },
      text: { type: 'string' },
      reachability: { type: 'string' },
      ...PAGE_OPTIONS,
    },
    [],
    u,
  );
  const reachability = choiceFlag('reachability', values.reachability, REACHABILITY_STATES, u);
  const client = await clientFor(values, io);
  const page = await client.devices.list({
    ...(values.tag !== undefined && { tag: values.tag }),
    ...(values.type !== undefined && { device_type: values.type }),
    ...(values.prod && { prod: true }),
    ...(values.text !== undefined && { text: values.text }),
    ...(reachability !== undefined && { reachability }),
    ...pageFlags(values, u),
  });
  if (values.json) {
    io.stdout(`${JSON.stringify(page)}\n`);
    return ExitCode.completed;
  }
  const rows = page.items.map((d) => [
    d.key,
    d.device_type,
    d.name ?? '',
    d.prod ? 'prod' : '',
    d.tags.join(','),
    reachabilityState(d.reachability),
  ]);
  io.stdout(`${table([['KEY', 'TYPE', 'NAME', 'PROD', 'TAGS', 'CHECK'], ...rows])}\n`);
  const last = page.offset + page.items.length;
  io.stdout(`${page.offset + (page.items.length > 0 ? 1 : 0)}-${last} of ${page.total} devices\n`);
  return ExitCode.completed;
}
