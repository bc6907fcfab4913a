import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { FleetpushClient, type FleetpushClientOptions } from '@fleetpush/client';
import { spawnService, type ServiceProcess } from './service-process';
import { StartError, StartErrorCode } from './start-errors';

/** A simulated fleet started by `fleetpush start --demo`, imported into the inventory. */
export interface DemoFleet {
  readonly process: ServiceProcess;
  readonly devices: number;
  /** The simulator's JSON control endpoint (fault knobs), for demos of failures. */
  readonly controlUrl: string;
  readonly csvPath: string;
}

/** Options of {@link startDemoFleet}. */
export interface DemoFleetOptions {
  readonly root: string;
  readonly env: NodeJS.ProcessEnv;
  readonly fromSource: boolean;
  readonly dataDir: string;
  readonly devices: number;
  readonly api: FleetpushClientOptions;
}

/** The simulator prints where it listens; this budget covers a cold tsx start on 2 cores. */
const SIM_READY_MS = 45_000;

async function controlUrlOf(sim: ServiceProcess, output: () => string): Promise<string> {
  const deadline = Date.now() + SIM_READY_MS;
  for (;;) {
    const match = /device-sim: control (\S+)/.exec(output());
    if (match?.[1] && /device-sim: inventory /.test(output())) return match[1];
    if (sim.ended() || Date.now() > deadline) {
      throw new StartError(
        StartErrorCode.serviceFailed,
        `the device simulator did not start; its last output:\n${sim.tail()}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Starts `services/device-sim` as a child process (its inventory CSV written under the data
 * directory, its control endpoint on an ephemeral port) and imports the CSV through the API,
 * replacing the inventory.
 */
export async function startDemoFleet(options: DemoFleetOptions): Promise<DemoFleet> {
  const csvPath = path.join(options.dataDir, 'demo-inventory.csv');
  let output = '';
  const sim = spawnService('device-sim', {
    root: options.root,
    env: options.env,
    fromSource: options.fromSource,
    logFile: path.join(options.dataDir, 'logs', 'device-sim.log'),
    args: ['--devices', String(options.devices), '--csv', csvPath, '--control-port', '0'],
    onStdout: (text) => (output += text),
  });
  const controlUrl = await controlUrlOf(sim, () => output);
  if (!existsSync(csvPath)) {
    throw new StartError(StartErrorCode.serviceFailed, `the simulator wrote no ${csvPath}`);
  }
  const client = new FleetpushClient(options.api);
  const result = await client.devices.import(await readFile(csvPath, 'utf8'));
  return { process: sim, devices: result.imported, controlUrl, csvPath };
}
