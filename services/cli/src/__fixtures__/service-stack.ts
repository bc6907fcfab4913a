import { randomBytes, randomUUID } from 'node:crypto';
import { freePort, testRedisUrl } from '@fleetpush/testing';
import { REPO_ROOT } from '../repo-root';
import { spawnService, stopServices, type ServiceProcess } from '../start/service-process';
import { waitReady } from '../start/wait-ready';

/** A real API, worker and gateway as child processes (from sources) on a fresh key prefix. */
export interface ServiceStack {
  readonly apiUrl: string;
  readonly gatewayUrl: string;
  readonly adminToken: string;
  readonly prefix: string;
  readonly redisUrl: string;
  readonly services: readonly ServiceProcess[];
  /** Kills the gateway (SIGKILL) and resolves once it is gone. */
  killGateway(): Promise<void>;
  /** Starts a new gateway on the same port and resolves once it answers. */
  startGateway(): Promise<void>;
  /** Everything the services wrote, for failure messages. */
  output(): string;
  /** Stops every service (SIGTERM, then SIGKILL). */
  close(): Promise<void>;
}

/** Readiness budget of a service started from sources under tsx on a loaded 2-core machine. */
const READY_MS = 45_000;

/** Starts api + worker + gateway on the test Redis with a unique prefix. */
export async function startServiceStack(): Promise<ServiceStack> {
  const [port, gatewayPort] = [await freePort(), await freePort()];
  const prefix = `fpcli-${randomUUID().slice(0, 8)}`;
  const adminToken = randomBytes(24).toString('hex');
  const redisUrl = testRedisUrl();
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    FLEETPUSH_REDIS_URL: redisUrl,
    FLEETPUSH_PREFIX: prefix,
    FLEETPUSH_PORT: String(port),
    FLEETPUSH_GATEWAY_PORT: String(gatewayPort),
    FLEETPUSH_ADMIN_TOKEN: adminToken,
    FLEETPUSH_SECRET_KEY: randomBytes(32).toString('hex'),
    FLEETPUSH_HOST_KEY_POLICY: 'tofu',
    FLEETPUSH_LOGIN_RATE: '5000',
    FLEETPUSH_LOG_LEVEL: 'warn',
  };
  const services = (['api', 'worker', 'gateway'] as const).map((name) =>
    spawnService(name, { root: REPO_ROOT, env, fromSource: true }),
  );
  const [api, , gateway] = services as [ServiceProcess, ServiceProcess, ServiceProcess];
  const gatewayReady = (g: ServiceProcess): Promise<void> =>
    waitReady(g, `http://127.0.0.1:${gatewayPort}/socket.io/?EIO=4&transport=polling`, {
      timeoutMs: READY_MS,
      anyAnswer: true,
    });
  const stack: ServiceStack = {
    apiUrl: `http://127.0.0.1:${port}`,
    gatewayUrl: `http://127.0.0.1:${gatewayPort}`,
    adminToken,
    prefix,
    redisUrl,
    services,
    async killGateway() {
      const current = services[2];
      current?.child.kill('SIGKILL');
      await current?.exited;
    },
    async startGateway() {
      const next = spawnService('gateway', { root: REPO_ROOT, env, fromSource: true });
      services[2] = next;
      await gatewayReady(next);
    },
    output: () => services.map((s) => `--- ${s.name}\n${s.tail()}`).join('\n'),
    close: () => stopServices([...services], 10_000),
  };
  try {
    await waitReady(api, `${stack.apiUrl}/readyz`, { timeoutMs: READY_MS });
    await gatewayReady(gateway);
  } catch (error) {
    await stack.close();
    throw error;
  }
  return stack;
}
