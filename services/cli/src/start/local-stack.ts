import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import { freeLocalPort } from './free-local-port';
import { openFrontDoor, type FrontDoor } from './front-door';
import { spawnService, stopServices, type ServiceProcess } from './service-process';
import { StartError, StartErrorCode } from './start-errors';
import { waitReady } from './wait-ready';

/** Options of {@link startLocalStack}. */
export interface LocalStackOptions {
  readonly root: string;
  /** The one environment every service gets (Redis URL, tokens). */
  readonly env: NodeJS.ProcessEnv;
  readonly fromSource: boolean;
  readonly dataDir: string;
  /** The one port of the stack (`FLEETPUSH_PORT`): API, web UI and gateway behind it. */
  readonly port: number;
}

/** api + worker + gateway running as child processes, behind one port. */
export interface LocalStack {
  readonly services: ServiceProcess[];
  /** The front door: what closes it (before the services stop). */
  readonly frontDoor: FrontDoor;
  readonly apiUrl: string;
  /** Where live job events are: the same origin as the API (Socket.IO under `/socket.io/`). */
  readonly gatewayUrl: string;
}

/** Readiness budget per service: a cold start on a loaded 2-core machine. */
const READY_MS = 60_000;

/** The front door on `port`, or a {@link StartError} saying the port is taken. */
async function frontDoorOn(port: number, apiPort: number, gatewayPort: number): Promise<FrontDoor> {
  try {
    return await openFrontDoor(port, { apiPort, gatewayPort });
  } catch (cause) {
    throw new StartError(
      StartErrorCode.serviceFailed,
      `cannot listen on FLEETPUSH_PORT ${port}: ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
  }
}

/**
 * Starts the three services on loopback ports of their own, their logs under `<dataDir>/logs`,
 * waits until they answer, then opens the front door on `port` (see {@link openFrontDoor}).
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const logs = path.join(options.dataDir, 'logs');
  await mkdir(logs, { recursive: true, mode: 0o700 });
  const [apiPort, gatewayPort] = [await freeLocalPort(), await freeLocalPort()];
  const env = {
    ...options.env,
    FLEETPUSH_PORT: String(apiPort),
    FLEETPUSH_GATEWAY_PORT: String(gatewayPort),
  };
  const services = (['api', 'worker', 'gateway'] as const).map((name) =>
    spawnService(name, {
      root: options.root,
      env,
      fromSource: options.fromSource,
      logFile: path.join(logs, `${name}.log`),
    }),
  );
  const [api, , gateway] = services as [ServiceProcess, ServiceProcess, ServiceProcess];
  try {
    await Promise.all([
      waitReady(api, `http://127.0.0.1:${apiPort}/readyz`, { timeoutMs: READY_MS }),
      waitReady(gateway, `http://127.0.0.1:${gatewayPort}/socket.io/?EIO=4&transport=polling`, {
        timeoutMs: READY_MS,
        anyAnswer: true,
      }),
    ]);
    const frontDoor = await frontDoorOn(options.port, apiPort, gatewayPort);
    const url = `http://127.0.0.1:${frontDoor.port}`;
    return { services, frontDoor, apiUrl: url, gatewayUrl: url };
  } catch (error) {
    await stopServices(services, 5_000);
    throw error;
  }
}
