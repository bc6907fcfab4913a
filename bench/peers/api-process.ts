import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { splitNodeArgs, serviceArgs } from '@fleetpush/testing';
import { baseEnv } from './base-env';

const ROOT = path.resolve(__dirname, '..', '..');

/** The API service as a child process, from its build (as the image runs it). */
export interface ApiProcess {
  readonly child: ChildProcess;
  readonly exited: Promise<number | string>;
  output(): string;
}

/** Options of {@link spawnApi}. */
export interface SpawnApiOptions {
  readonly redisUrl: string;
  readonly prefix: string;
  readonly port: number;
  readonly adminToken: string;
  readonly secretKey: Uint8Array;
}

/** Starts `services/api/dist/main.js` (`npm run build` first; the bench brings it up to date). */
export function spawnApi(options: SpawnApiOptions): ApiProcess {
  const nodeArgs = [
    ...splitNodeArgs(process.env.BENCH_API_NODE_ARGS),
    ...serviceArgs(ROOT, 'api', 'build'),
  ];
  const child = spawn(process.execPath, nodeArgs, {
    cwd: ROOT,
    env: {
      ...baseEnv(),
      FLEETPUSH_REDIS_URL: options.redisUrl,
      FLEETPUSH_PREFIX: options.prefix,
      FLEETPUSH_PORT: String(options.port),
      FLEETPUSH_ADMIN_TOKEN: options.adminToken,
      FLEETPUSH_SECRET_KEY: Buffer.from(options.secretKey).toString('hex'),
      FLEETPUSH_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  return { child, exited, output: () => output };
}
