import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { freePort, waitUntil } from '@fleetpush/testing';
import { spawnCli, type CliProcess } from './cli-process';

/**
 * A `fleetpush start --demo --dev` of a test: api, worker, gateway and a simulated fleet as child
 * processes in a fresh directory; no Redis answers at its FLEETPUSH_REDIS_URL, so it starts a
 * private redis-server that goes with it.
 */
export interface DemoStart {
  /** Its working directory (data under `data/`), removed by {@link stopDemoStart}. */
  readonly dir: string;
  /** The environment of the CLI commands that talk to it (`FLEETPUSH_URL`, its data dir). */
  readonly env: NodeJS.ProcessEnv;
  readonly start: CliProcess;
  readonly apiUrl: string;
  /** The simulator's control URL (faults). */
  readonly controlUrl: string;
  /** The admin token `start` generated into its data directory. */
  readonly token: string;
}

/** What `start` may take to be ready: services from sources under tsx on a loaded machine. */
const READY_MS = 100_000;
/** How long `fleetpush start` may drain after SIGTERM before a second one forces it. */
const STOP_MS = 20_000;

/**
 * Starts `fleetpush start --demo` with `devices` simulated devices and `env` on top of the test
 * settings. A start that fails is stopped, and its directory removed, before this rejects.
 */
export async function startDemo(devices: number, env: NodeJS.ProcessEnv = {}): Promise<DemoStart> {
  const dir = await mkdtemp(path.join(tmpdir(), 'fleetpush-e2e-'));
  const [port, noRedis] = [await freePort(), await freePort()];
  const apiUrl = `http://127.0.0.1:${port}`;
  const cliEnv: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    FLEETPUSH_DATA_DIR: path.join(dir, 'data'),
    FLEETPUSH_REDIS_URL: `redis://127.0.0.1:${noRedis}`,
    FLEETPUSH_PORT: String(port),
    FLEETPUSH_LOGIN_RATE: '5000',
    FLEETPUSH_LOG_LEVEL: 'warn',
    FLEETPUSH_URL: apiUrl,
    ...env,
  };
  const start = spawnCli(['start', '--demo', '--dev', '--devices', String(devices)], cliEnv, dir);
  try {
    await waitUntil(
      () => start.stdout().includes('fleetpush: ready') || start.child.exitCode !== null,
      { timeoutMs: READY_MS, intervalMs: 100, description: 'fleetpush start --demo is ready' },
    );
    if (!start.stdout().includes('fleetpush: ready')) {
      throw new Error(`start failed:\n${start.stdout()}\n${start.stderr()}`);
    }
    const controlUrl = /simulator control (\S+)\)/.exec(start.stdout())?.[1] ?? '';
    const token = (await readFile(path.join(dir, 'data', 'admin-token'), 'utf8')).trim();
    return { dir, env: cliEnv, start, apiUrl, controlUrl, token };
  } catch (error) {
    await stopDemoStart({ dir, start });
    throw error;
  }
}

/**
 * Stops a {@link startDemo} (unless a test did) and removes its directory. SIGTERM, not SIGKILL:
 * a killed `start` leaves its services and Redis running (and holding their ports); a second
 * SIGTERM after {@link STOP_MS} forces the stop.
 */
export async function stopDemoStart(
  demo: Pick<DemoStart, 'dir' | 'start'> | undefined,
): Promise<void> {
  if (demo === undefined) return;
  const { start } = demo;
  if (start.child.exitCode === null && start.child.signalCode === null) {
    start.child.kill('SIGTERM');
    const forced = setTimeout(() => start.child.kill('SIGTERM'), STOP_MS);
    await start.done;
    clearTimeout(forced);
  }
  await rm(demo.dir, { recursive: true, force: true });
}
