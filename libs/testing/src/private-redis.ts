import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from './free-port';
import { waitUntil } from './wait-until';

/** Options of {@link startPrivateRedis}. */
export interface PrivateRedisOptions {
  /** Turn on AOF persistence (`appendfsync everysec`), as production runs it. */
  readonly appendOnly?: boolean;
}

/** A `redis-server` of a test's own, on its own port and data folder. */
export interface PrivateRedis {
  readonly port: number;
  readonly url: string;
  /** Stops the server (SIGTERM, or SIGKILL when `hard`) and waits for it to exit. */
  stop(hard?: boolean): Promise<void>;
  /** Starts it again on the same port and data folder (after {@link stop}). */
  restart(): Promise<void>;
  /** Stops it and removes its data folder; idempotent. */
  close(): Promise<void>;
}

async function ping(url: string): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    // a probe of a server still starting can leave its socket half open: ioredis then keeps a
    // timer (2 s by default) to destroy it, which outlived the leak check's grace in tests
    disconnectTimeout: 100,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

function launch(port: number, dir: string, appendOnly: boolean): ChildProcess {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', ''];
  args.push('--appendonly', appendOnly ? 'yes' : 'no', '--appendfsync', 'everysec');
  return spawn('redis-server', args, { stdio: 'ignore' });
}

/**
 * Starts a private `redis-server` on a free port, for tests that stop, kill or restart Redis
 * (they must never touch the shared one). Needs the `redis-server` binary on PATH.
 */
export async function startPrivateRedis(options: PrivateRedisOptions = {}): Promise<PrivateRedis> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  const dir = mkdtempSync(path.join(tmpdir(), 'fleetpush-redis-'));
  let child: ChildProcess | undefined;
  const start = async (): Promise<void> => {
    child = launch(port, dir, options.appendOnly ?? false);
    await waitUntil(() => ping(url), { timeoutMs: 10_000, description: `redis-server on ${port}` });
  };
  const stop = async (hard = false): Promise<void> => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    running.kill(hard ? 'SIGKILL' : 'SIGTERM');
    await exited;
  };
  await start();
  return {
    port,
    url,
    stop,
    restart: start,
    close: async () => {
      await stop(true);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
