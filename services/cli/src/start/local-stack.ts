import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import { spawnService, stopServices, type ServiceProcess } from './service-process';
import { waitReady } from './wait-ready';

/** Options of {@link startLocalStack}. */
export interface LocalStackOptions {
  readonly root: string;
  /** The one environment every service gets (Redis URL, tokens, ports). */
  readonly env: NodeJS.ProcessEnv;
  readonly fromSource: boolean;
  readonly dataDir: string;
  readonly port: number;
  readonly gatewayPort: number;
}

/** api + worker + gateway running as child processes. */
export interface LocalStack {
  readonly services: ServiceProcess[];
  readonly apiUrl: string;
  readonly gatewayUrl: string;
}

/** Readiness budget per service: a cold start on a loaded 2-core machine. */
const READY_MS = 60_000;

/** Starts the three services, their logs under `<dataDir>/logs`, and waits until they answer. */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const logs = path.join(options.dataDir, 'logs');
  await mkdir(logs, { recursive: true, mode: 0o700 });
  const services = (['api', 'worker', 'gateway'] as const).map((name) =>
    spawnService(name, {
      root: options.root,
      env: options.env,
      fromSource: options.fromSource,
      logFile: path.join(logs, `${name}.log`),
    }),
  );
  const [api, , gateway] = services as [ServiceProcess, ServiceProcess, ServiceProcess];
  const stack: LocalStack = {
    services,
    apiUrl: `http://127.0.0.1:${options.port}`,
    gatewayUrl: `http://127.0.0.1:${options.gatewayPort}`,
  };
  try {
    await Promise.all([
      waitReady(api, `${stack.apiUrl}/readyz`, { timeoutMs: READY_MS }),
      waitReady(gateway, `${stack.gatewayUrl}/socket.io/?EIO=4&transport=polling`, {
        timeoutMs: READY_MS,
        anyAnswer: true,
      }),
    ]);
  } catch (error) {
    await stopServices(services, 5_000);
    throw error;
  }
  return stack;
}
