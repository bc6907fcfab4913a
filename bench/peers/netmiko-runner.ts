import * as path from 'node:path';
import { type Measurement, PEER_PARALLELISM } from './change';
import type { SimProcess } from './sim-process';
import { failureNote, lastJsonLine, runTool } from './tool-run';

/** Debian's interpreter: `python3-netmiko` is importable there (the PATH's python3 may not be it). */
export const DEBIAN_PYTHON = '/usr/bin/python3';
const SCRIPT = path.join(__dirname, 'netmiko_push.py');

interface NetmikoSummary {
  readonly devices: number;
  readonly failed: number;
  readonly errors: Record<string, number>;
}

/** One Netmiko run: a thread pool of 50, canary first then the rest (bench/peers/netmiko_push.py). */
export async function runNetmiko(
  sim: SimProcess,
  devices: number,
  run: number,
): Promise<Measurement> {
  const result = await runTool(DEBIAN_PYTHON, [
    SCRIPT,
    '--inventory',
    sim.csvPath,
    '--workers',
    String(PEER_PARALLELISM),
  ]);
  const summary = lastJsonLine<NetmikoSummary>(result.stdout);
  const failures = summary ? summary.failed : devices;
  return {
    tool: 'netmiko',
    devices,
    run,
    wallMs: result.wallMs,
    cpuSeconds: result.cpuSeconds,
    peakRssBytes: result.peakRssBytes,
    failures,
    ...(failures > 0 ? { note: failureNote(summary?.errors, result) } : {}),
  };
}
