import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import { freeLocalPort } from './free-local-port';
import { redisAnswers } from './redis-probe';
import { StartError, StartErrorCode } from './start-errors';

/** How to get Redis, printed when none answers and no `redis-server` exists. */
export const REDIS_HELP = `No Redis answers at FLEETPUSH_REDIS_URL and no redis-server binary is installed.
Get one of:
  Debian/Ubuntu:  sudo apt-get install -y redis-server
  macOS:          brew install redis
  Docker:         docker run -d --name fleetpush-redis -p 6379:6379 redis:7
then run the command again (or point FLEETPUSH_REDIS_URL at your Redis).`;

/** A redis-server started for this machine, with its data under the data directory. */
export interface PrivateRedis {
  readonly url: string;
  readonly child: ChildProcess;
  readonly exited: Promise<unknown>;
  /** Stops it (SIGTERM: Redis writes its append-only file and exits). */
  stop(): Promise<void>;
}

/** The `redis-server` binary on the PATH, if any. */
export function findRedisServer(pathVariable: string | undefined): string | undefined {
  for (const dir of (pathVariable ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    const candidate = path.join(dir, 'redis-server');
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** Readiness budget of redis-server (it starts in milliseconds; an AOF replay can take longer). */
const READY_MS = 15_000;

/**
 * Starts `redis-server` on a free loopback port, persisting to an append-only file under
 * `<dataDir>/redis`, and resolves once it answers.
 */
export async function startPrivateRedis(binary: string, dataDir: string): Promise<PrivateRedis> {
  const dir = path.join(dataDir, 'redis');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const port = await freeLocalPort();
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', ''];
  const child = spawn(binary, [...args, '--appendonly', 'yes', '--logfile', 'redis.log'], {
    stdio: 'ignore',
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const url = `redis://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  const deadline = Date.now() + READY_MS;
  while (!(await redisAnswers(url))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new StartError(
        StartErrorCode.noRedis,
        `redis-server did not start on port ${port}; see ${path.join(dir, 'redis.log')}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { url, child, exited, stop };
}
