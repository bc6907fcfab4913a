import * as path from 'node:path';
import type { Measurement } from './change';
import type { SimProcess } from './sim-process';
import { failureNote, lastJsonLine, runTool } from './tool-run';

const ROOT = path.resolve(__dirname, '..', '..');
const SCRIPT = path.join(__dirname, 'ssh2-floor.ts');

interface FloorSummary {
  readonly devices: number;
  readonly failed: number;
  readonly cpuSeconds: number;
  readonly wallMs: number;
  readonly errors: Record<string, number>;
}

/**
 * One run of the SSH floor (bench/peers/ssh2-floor.ts): the change's commands over bare ssh2 at
 * fleetpush's window, canary first. Its wall time and CPU are the script's own from the first
 * connection to the last close (its start-up is not counted, as fleetpush's is not); peak RSS is
 * the process's.
 */
export async function runSsh2Floor(
  sim: SimProcess,
  devices: number,
  concurrency: number,
  run: number,
): Promise<Measurement> {
  const result = await runTool(
    process.execPath,
    ['--import', 'tsx', SCRIPT, '--inventory', sim.csvPath, '--concurrency', String(concurrency)],
    { cwd: ROOT, env: { TSX_TSCONFIG_PATH: path.join(ROOT, 'tsconfig.check.json') } },
  );
  const summary = lastJsonLine<FloorSummary>(result.stdout);
  const failures = summary ? summary.failed : devices;
  return {
    tool: `ssh2 floor c${concurrency}`,
    devices,
    run,
    wallMs: summary?.wallMs ?? result.wallMs,
    cpuSeconds: summary?.cpuSeconds ?? result.cpuSeconds,
    peakRssBytes: result.peakRssBytes,
    failures,
    ...(failures > 0 ? { note: failureNote(summary?.errors, result) } : {}),
  };
}
