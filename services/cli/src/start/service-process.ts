import { serviceNodeFlags } from '@fleetpush/config';
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, type WriteStream } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { StartError, StartErrorCode } from './start-errors';

/** The programs `fleetpush start` runs as child processes. */
export const SERVICE_NAMES = ['api', 'worker', 'gateway', 'device-sim'] as const;

/** A service program. */
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** How much of a child's output is kept in memory for error messages. */
const TAIL_CHARS = 8_000;

/** A service running as a child process. */
export interface ServiceProcess {
  readonly name: ServiceName;
  readonly child: ChildProcess;
  /** Resolves with the exit code (or the signal) when the process ends. */
  readonly exited: Promise<number | string>;
  /** The last few KB the process wrote (stdout and stderr). */
  tail(): string;
  /** Whether the process has ended. */
  ended(): boolean;
}

/** Options of {@link spawnService}. */
export interface SpawnServiceOptions {
  readonly root: string;
  readonly env: NodeJS.ProcessEnv;
  readonly args?: readonly string[];
  /** Run `src/main.ts` through tsx instead of the built `dist/main.js` (development, tests). */
  readonly fromSource?: boolean;
  /** Also append the output to this file. */
  readonly logFile?: string;
  /** Called with each chunk of stdout (device-sim prints where it listens). */
  readonly onStdout?: (text: string) => void;
}

/**
 * The `--import` argument that loads tsx, as an absolute file URL: a bare `tsx` would be
 * resolved from the child's working directory, which need not be the repository.
 */
export function tsxImport(root: string): string {
  return pathToFileURL(path.join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
}

/**
 * The node arguments that run a service: the flags it always runs with (`serviceNodeFlags`),
 * then its built entry point, or its sources under tsx.
 */
export function serviceArgs(root: string, name: ServiceName, fromSource: boolean): string[] {
  const flags = serviceNodeFlags(name);
  const dir = path.join(root, 'services', name);
  if (fromSource) return [...flags, '--import', tsxImport(root), path.join(dir, 'src', 'main.ts')];
  const entry = path.join(dir, 'dist', 'main.js');
  if (!existsSync(entry)) {
    throw new StartError(
      StartErrorCode.notBuilt,
      `${path.relative(root, entry)} does not exist: run \`npm run build\` first`,
    );
  }
  return [...flags, entry];
}

/**
 * Starts a service as a child process of this one (never imported: services do not import each
 * other). `node --import tsx`, not the tsx CLI, so that a signal reaches the service itself.
 */
export function spawnService(name: ServiceName, options: SpawnServiceOptions): ServiceProcess {
  const args = [
    ...serviceArgs(options.root, name, options.fromSource ?? false),
    ...(options.args ?? []),
  ];
  const env = options.fromSource
    ? { ...options.env, TSX_TSCONFIG_PATH: path.join(options.root, 'tsconfig.check.json') }
    : options.env;
  const child = spawn(process.execPath, args, {
    cwd: options.root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: WriteStream | undefined = options.logFile
    ? createWriteStream(options.logFile, { flags: 'a', mode: 0o600 })
    : undefined;
  let tail = '';
  const keep = (chunk: Buffer): void => {
    tail = (tail + chunk.toString()).slice(-TAIL_CHARS);
    log?.write(chunk);
  };
  child.stdout?.on('data', (chunk: Buffer) => {
    keep(chunk);
    options.onStdout?.(chunk.toString());
  });
  child.stderr?.on('data', keep);
  let ended = false;
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => {
      ended = true;
      log?.end();
      resolve(code ?? signal ?? 'unknown');
    }),
  );
  return { name, child, exited, tail: () => tail, ended: () => ended };
}

/**
 * Stops services: SIGTERM (each drains), then SIGKILL after `graceMs` or when `force` resolves
 * (a second Ctrl-C).
 */
export async function stopServices(
  services: readonly ServiceProcess[],
  graceMs: number,
  force?: Promise<void>,
): Promise<void> {
  const running = services.filter((s) => !s.ended());
  for (const s of running) s.child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, graceMs);
  });
  const kill = (): void => {
    for (const s of running) if (!s.ended()) s.child.kill('SIGKILL');
  };
  void Promise.race([deadline, force ?? new Promise<void>(() => {})]).then(kill);
  await Promise.all(running.map((s) => s.exited));
  clearTimeout(timer);
}
