import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { createApi, type ApiDeps } from '@fleetpush/api';
import { createGateway, type Gateway } from '@fleetpush/gateway';
import { SecretBox } from '@fleetpush/inventory';
import { DeviceTaskQueue } from '@fleetpush/queue';
import { createLogger } from '@fleetpush/runtime';
import {
  CredentialStore,
  EventLog,
  InventoryStore,
  JobReader,
  redisKeys,
  RunCoordinator,
  TokenStore,
} from '@fleetpush/store';
import type { TestRedis } from '@fleetpush/testing';
import { createWorkerService, type WorkerService } from '@fleetpush/worker';

/** The bootstrap admin token of the test stack (32+ characters, as config demands). */
export const ADMIN_TOKEN = 'e2e-admin-token-0123456789abcdef0123';

/** The built UI; built once if a test runs before `npm run build`. */
export const WEB_ROOT = path.resolve(__dirname, '..', '..', '..', 'services', 'web', 'dist');

/** The newest modification time under `dir` (ms). */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile())
      newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** Builds the web UI when its bundle is missing or older than its sources (never test a stale UI). */
export function ensureWebBuilt(): void {
  const index = path.join(WEB_ROOT, 'index.html');
  const sources = path.resolve(WEB_ROOT, '..', 'src');
  if (existsSync(index) && statSync(index).mtimeMs >= newestMtime(sources)) return;
  execFileSync('npm', ['run', 'build', '-w', '@fleetpush/web'], {
    cwd: path.resolve(__dirname, '..', '..', '..'),
    stdio: 'ignore',
  });
}

/** A whole fleetpush on one port: API + UI + mounted gateway, and in-process workers. */
export interface WebStack {
  readonly url: string;
  close(): Promise<void>;
}

/** How the stack's API is configured beyond its defaults. */
export interface WebStackOptions {
  /** `FLEETPUSH_APPROVAL_POLICY` (default `none`): which jobs wait for a second person. */
  readonly approvalPolicy?: ApiDeps['approvalPolicy'];
}

/**
 * Starts the API (serving the built UI) with the gateway mounted on the same server, as
 * `fleetpush start` does, and `workers` workers, all on the test's Redis prefix.
 */
export async function startWebStack(
  ctx: TestRedis,
  workers = 1,
  { approvalPolicy }: WebStackOptions = {},
): Promise<WebStack> {
  const keys = redisKeys(ctx.prefix);
  const secretKey = randomBytes(32);
  const logger = createLogger({ service: 'e2e', level: 'silent' });
  const tokens = new TokenStore(ctx.redis, keys);
  const queue = new DeviceTaskQueue(ctx.redis, ctx.prefix, () => undefined);
  const app = createApi({
    redis: ctx.redis,
    keys,
    inventory: new InventoryStore(ctx.redis, keys),
    credentials: new CredentialStore(ctx.redis, keys),
    tokens,
    reader: new JobReader(ctx.redis, keys),
    events: new EventLog(ctx.redis, keys),
    secretBox: new SecretBox(secretKey),
    coordinator: new RunCoordinator(ctx.redis, keys),
    queue,
    logger,
    adminToken: ADMIN_TOKEN,
    web: { root: WEB_ROOT },
    ...(approvalPolicy && { approvalPolicy }),
  });
  const server: Server = createServer(app);
  const gateway: Gateway = createGateway({
    httpServer: server,
    redis: ctx.redis,
    keys,
    tokens,
    adminToken: ADMIN_TOKEN,
    corsOrigins: [],
    logger,
  });
  await gateway.start();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const running: WorkerService[] = [];
  for (let i = 0; i < workers; i++) {
    const worker = createWorkerService(
      {
        redisUrl: ctx.url,
        prefix: ctx.prefix,
        workerConcurrency: 20,
        maxSshSessions: 100,
        loginRate: 1000,
        hostKeyPolicy: 'tofu',
        secretKey,
      },
      logger,
      { reconciler: { intervalMs: 300, graceMs: 1_000, queuedGraceMs: 1_000 } },
    );
    await worker.start();
    running.push(worker);
  }
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      await Promise.all(running.map((w) => w.close()));
      await gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await queue.close();
    },
  };
}
