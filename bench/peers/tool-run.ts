import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { baseEnv } from './base-env';
import { parseStat, TaggedProcesses } from './process-usage';

/** How often the tool's processes are sampled for RSS and detached daemons (ms). */
const SAMPLE_MS = 200;

/** CPU of the wrapper shell and every child it waited for, from the stat it wrote at the end. */
function shellCpuSeconds(statFile: string): number {
  try {
    const times = parseStat(readFileSync(statFile, 'utf8'));
    return times.own + times.children;
  } finally {
    rmSync(statFile, { force: true });
  }
}

/** What one run of an external tool cost. */
export interface ToolRun {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly wallMs: number;
  /** CPU seconds of the tool and every descendant (detached daemons included). */
  readonly cpuSeconds: number;
  /** Peak of the summed RSS of the tool's processes, in bytes. */
  readonly peakRssBytes: number;
}

/** Options of {@link runTool}. */
export interface ToolRunOptions {
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * Runs `command args…` under a small shell that, once the tool has been waited for, writes its
 * own /proc stat: the shell's children times then hold the tool's CPU, descendants included.
 * Processes that detach themselves (Ansible's persistent connections) are found by a tag in their
 * environment and added.
 */
export async function runTool(
  command: string,
  args: readonly string[],
  options: ToolRunOptions = {},
): Promise<ToolRun> {
  const tag = `FLEETPUSH_BENCH_TAG=${randomUUID()}`;
  const statFile = path.join(tmpdir(), `fleetpush-bench-${randomUUID()}.stat`);
  const script = '"$@"; rc=$?; cat /proc/$$/stat > "$STAT_FILE"; exit $rc';
  const tracker = new TaggedProcesses(tag);
  const started = Date.now();
  const child = spawn('/bin/sh', ['-c', script, 'sh', command, ...args], {
    cwd: options.cwd,
    env: {
      ...baseEnv(),
      ...options.env,
      STAT_FILE: statFile,
      FLEETPUSH_BENCH_TAG: tag.split('=')[1]!,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setInterval(() => tracker.sample(), SAMPLE_MS);
  const exitCode = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => resolve(code ?? 1));
  });
  const wallMs = Date.now() - started;
  clearInterval(timer);
  tracker.sample();
  const shellCpu = shellCpuSeconds(statFile);
  const cpuSeconds = shellCpu + tracker.orphanCpuSeconds(child.pid ?? -1);
  return { exitCode, stdout, stderr, wallMs, cpuSeconds, peakRssBytes: tracker.peakRssBytes() };
}

/** The last line of a tool's standard output as JSON (its summary), or undefined. */
export function lastJsonLine<T>(stdout: string): T | undefined {
  try {
    return JSON.parse(stdout.trim().split('\n').pop() ?? '') as T;
  } catch {
    return undefined;
  }
}

/** What to print about a failed run: the tool's error counts, or how it exited. */
export function failureNote(
  errors: Readonly<Record<string, number>> | undefined,
  result: ToolRun,
): string {
  return errors ? JSON.stringify(errors) : `exit ${result.exitCode}: ${result.stderr.slice(-300)}`;
}
