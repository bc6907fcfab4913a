import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { splitNodeArgs, serviceArgs, type ServiceEntry } from '@fleetpush/testing';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');

/** A worker running as a child process, from its TypeScript sources (no build needed). */
export interface WorkerProcess {
  readonly child: ChildProcess;
  /** Resolves with the exit code (or signal) when the process ends. */
  readonly exited: Promise<number | string>;
  /** Everything the process wrote to stderr/stdout (its JSON logs), for failure messages. */
  output(): string;
  /** Sends a signal (SIGKILL for a crash, SIGTERM for a graceful stop). */
  kill(signal: NodeJS.Signals): void;
}

/** Options of {@link spawnWorker}. */
export interface SpawnWorkerOptions {
  readonly redisUrl: string;
  readonly prefix: string;
  /** 32-byte key sealing device secrets (FLEETPUSH_SECRET_KEY). */
  readonly secretKey: Uint8Array;
  readonly concurrency?: number;
  /** Port of its probes and `/metrics` (default 0: any free one, when the test does not ask). */
  readonly httpPort?: number;
  /** How long its first SIGTERM may drain before it forces (FLEETPUSH_DRAIN_TIMEOUT_MS). */
  readonly drainTimeoutMs?: number;
  /** Sources under tsx (default: tests need no build) or the build (benchmarks: what ships). */
  readonly entry?: ServiceEntry;
}

/** Starts the worker (from its sources under tsx, or its build) with the given configuration. */
export function spawnWorker(options: SpawnWorkerOptions): WorkerProcess {
  // `node --import tsx`, not the tsx CLI: the CLI runs the program in a second process, so a
  // SIGKILL would kill only the wrapper and leave the worker running.
  const child = spawn(
    process.execPath,
    [
      ...splitNodeArgs(process.env.BENCH_WORKER_NODE_ARGS),
      ...serviceArgs(ROOT, 'worker', options.entry ?? 'source'),
    ],
    {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        TSX_TSCONFIG_PATH: path.join(ROOT, 'tsconfig.check.json'),
        FLEETPUSH_REDIS_URL: options.redisUrl,
        FLEETPUSH_PREFIX: options.prefix,
        FLEETPUSH_SECRET_KEY: Buffer.from(options.secretKey).toString('hex'),
        FLEETPUSH_WORKER_CONCURRENCY: String(options.concurrency ?? 50),
        FLEETPUSH_WORKER_HTTP_PORT: String(options.httpPort ?? 0),
        ...(options.drainTimeoutMs === undefined
          ? {}
          : { FLEETPUSH_DRAIN_TIMEOUT_MS: String(options.drainTimeoutMs) }),
        FLEETPUSH_HOST_KEY_POLICY: 'tofu',
        // The simulator needs no AAA protection; the default login rate would pace the tests.
        FLEETPUSH_LOGIN_RATE: '5000',
        FLEETPUSH_LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  return { child, exited, output: () => output, kill: (signal) => child.kill(signal) };
}

/** Stops worker processes gracefully (SIGTERM), then forcibly after `graceMs`. */
export async function stopWorkers(
  workers: readonly WorkerProcess[],
  graceMs = 10_000,
): Promise<void> {
  await Promise.all(
    workers.map(async (w) => {
      if (w.child.exitCode !== null || w.child.signalCode !== null) return;
      w.kill('SIGTERM');
      const timer = setTimeout(() => w.kill('SIGKILL'), graceMs);
      await w.exited;
      clearTimeout(timer);
    }),
  );
}
