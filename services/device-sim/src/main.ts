import { writeFile } from 'node:fs/promises';
import { startControlServer, type ControlServer } from './control-server';
import { parseSimArgs } from './sim-args';
import { startFleet, type SimFleet } from './sim-fleet';

/** A one-line description of where the fleet listens. */
function describe(fleet: SimFleet): string {
  const ports = fleet.devices.map((d) => d.port);
  const counts = new Map<string, number>();
  for (const d of fleet.devices) counts.set(d.platform, (counts.get(d.platform) ?? 0) + 1);
  const mix = [...counts].map(([p, n]) => `${p} x${n}`).join(', ');
  const host = fleet.devices[0]?.host ?? '127.0.0.1';
  return `device-sim: ${fleet.devices.length} devices on ${host} ports ${Math.min(...ports)}-${Math.max(...ports)} (${mix})`;
}

async function main(argv: readonly string[]): Promise<number> {
  const parsed = parseSimArgs(argv);
  if (!parsed.ok) {
    process.stderr.write(`${parsed.error.join('\n')}\n`);
    return 2;
  }
  const { fleet: options, csvPath, controlPort } = parsed.value;
  const fleet = await startFleet(options);
  let control: ControlServer | undefined;
  if (controlPort !== undefined) control = await startControlServer(fleet, controlPort);
  if (csvPath) await writeFile(csvPath, fleet.toCsv(), { mode: 0o600 });
  process.stdout.write(`${describe(fleet)}\n`);
  if (control) process.stdout.write(`device-sim: control ${control.url}\n`);
  if (csvPath) process.stdout.write(`device-sim: inventory ${csvPath}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await control?.close();
  await fleet.close();
  process.stdout.write('device-sim: stopped\n');
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`device-sim: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
