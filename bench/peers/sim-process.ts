import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { splitNodeArgs, serviceArgs, waitUntil } from '@fleetpush/testing';
import { baseEnv } from './base-env';

const ROOT = path.resolve(__dirname, '..', '..');

/** A simulated fleet in its own process (services/device-sim), so no tool pays for its CPU. */
export interface SimProcess {
  readonly child: ChildProcess;
  /** The fleet's inventory CSV (with passwords: the simulator's, never real ones). */
  readonly csvPath: string;
  readonly csv: string;
  /** The JSON control endpoint (ledgers, sessions, faults). */
  readonly controlUrl: string;
  close(): Promise<void>;
}

/** Options of {@link startSimProcess}: passed to the simulator as flags. */
export interface SimProcessOptions {
  readonly devices: number;
  /** Latency of every command, in ms. */
  readonly commandMs: number;
  /** Extra simulator flags (fault knobs). */
  readonly extraArgs?: readonly string[];
}

/** Starts `device-sim` (cisco_ios) from its build and waits until it printed its endpoints. */
export async function startSimProcess(options: SimProcessOptions): Promise<SimProcess> {
  const dir = mkdtempSync(path.join(tmpdir(), 'fleetpush-peers-'));
  const csvPath = path.join(dir, 'inventory.csv');
  const child = spawn(
    process.execPath,
    [
      ...splitNodeArgs(process.env.BENCH_SIM_NODE_ARGS),
      ...serviceArgs(ROOT, 'device-sim', 'build'),
      ...['--devices', String(options.devices), '--platforms', 'cisco_ios'],
      ...['--fault-latency-ms', String(options.commandMs), '--csv', csvPath, '--control-port', '0'],
      ...(options.extraArgs ?? []),
    ],
    {
      cwd: ROOT,
      env: baseEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const controlUrl = await waitUntil(
    () => {
      if (child.exitCode !== null) throw new Error(`device-sim exited: ${output}`);
      return /control (http:\/\/\S+)/.exec(output)?.[1] && output.includes('inventory ')
        ? /control (http:\/\/\S+)/.exec(output)?.[1]
        : undefined;
    },
    { timeoutMs: 120_000, intervalMs: 50, description: 'device-sim to start' },
  );
  return {
    child,
    csvPath,
    csv: readFileSync(csvPath, 'utf8'),
    controlUrl,
    close: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One row of the inventory CSV, by column name. */
export type InventoryRow = Readonly<Record<string, string>>;

/** Parses the simulator's CSV (it quotes no cell of a cisco_ios fleet: plain comma split). */
export function inventoryRows(csv: string): InventoryRow[] {
  const [header, ...lines] = csv.trim().split('\n');
  const columns = (header ?? '').split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? '']));
  });
}

/** Ledger reads in flight at once (the simulator serves them between SSH sessions). */
const LEDGER_READS_IN_FLIGHT = 20;

interface DeviceSummary {
  readonly index: number;
}

interface LedgerEntry {
  readonly line: string;
  readonly kind: string;
}

/**
 * Devices on which every one of `lines` was applied exactly once, from the simulator's mutation
 * ledgers (read over its control endpoint, a few devices at a time).
 */
export async function devicesAppliedOnce(
  sim: SimProcess,
  lines: readonly string[],
): Promise<number> {
  const devices = (await (await fetch(`${sim.controlUrl}/devices`)).json()) as DeviceSummary[];
  let applied = 0;
  for (let i = 0; i < devices.length; i += LEDGER_READS_IN_FLIGHT) {
    const batch = devices.slice(i, i + LEDGER_READS_IN_FLIGHT);
    const ledgers = await Promise.all(
      batch.map(async (d) => {
        const response = await fetch(`${sim.controlUrl}/devices/${d.index}/ledger`);
        return (await response.json()) as LedgerEntry[];
      }),
    );
    for (const ledger of ledgers) {
      const once = lines.every((l) => ledger.filter((e) => e.line === l).length === 1);
      if (once) applied += 1;
    }
  }
  return applied;
}
