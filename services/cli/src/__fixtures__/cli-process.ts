import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { REPO_ROOT } from '../repo-root';
import { tsxImport } from '../start/service-process';

/** What one `fleetpush` invocation did. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A long-running `fleetpush` (start, or run --wait) as a child process. */
export interface CliProcess {
  readonly child: ChildProcess;
  readonly done: Promise<CliRun>;
  stdout(): string;
  stderr(): string;
}

const MAIN = path.join(REPO_ROOT, 'services', 'cli', 'src', 'main.ts');

/** Starts `fleetpush …args` from its sources (`node --import tsx`, so signals reach it). */
export function spawnCli(args: readonly string[], env: NodeJS.ProcessEnv, cwd: string): CliProcess {
  const child = spawn(process.execPath, ['--import', tsxImport(REPO_ROOT), MAIN, ...args], {
    cwd,
    env: { ...env, TSX_TSCONFIG_PATH: path.join(REPO_ROOT, 'tsconfig.check.json') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<CliRun>((resolve) =>
    child.once('close', (code) => resolve({ code, stdout, stderr })),
  );
  return { child, done, stdout: () => stdout, stderr: () => stderr };
}

/** Runs `fleetpush …args` to its end. */
export function runCliProcess(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
): Promise<CliRun> {
  return spawnCli(args, env, cwd).done;
}
