import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { DeviceSimError } from './errors';
import type { FaultSpec } from './fault-spec';
import type { SimDevice } from './sim-device';
import type { SimFleet } from './sim-fleet';

/** A running control endpoint. */
export interface ControlServer {
  readonly port: number;
  readonly url: string;
  close(): Promise<void>;
}

/** Request bodies larger than this are refused (a fault spec is a few hundred bytes). */
const MAX_BODY_BYTES = 64 * 1024;

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Public facts of a device (no passwords: the control surface is not an inventory export). */
function summary(d: SimDevice): Record<string, unknown> {
  return {
    index: d.index,
    key: d.key,
    host: d.host,
    port: d.port,
    platform: d.platform,
    hostname: d.hostname,
    username: d.username,
    activeSessions: d.activeSessions(),
    ledgerEntries: d.ledger.entries().length,
    hostKeyFingerprint: d.hostKeyFingerprint(),
    faults: d.currentFaults(),
  };
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'BODY_TOO_LARGE', 'request body too large');
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
  } catch {
    throw new HttpError(400, 'BAD_JSON', 'request body is not JSON');
  }
}

function deviceOf(fleet: SimFleet, index: string): SimDevice {
  const device = /^\d+$/.test(index) ? fleet.devices[Number(index)] : undefined;
  if (!device) throw new HttpError(404, 'SIM_UNKNOWN_DEVICE', `no device ${index}`);
  return device;
}

async function route(fleet: SimFleet, req: IncomingMessage): Promise<unknown> {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (req.method === 'GET' && path === '/devices') return fleet.devices.map(summary);
  const match = /^\/devices\/([^/]+)\/([a-z-]+)$/.exec(path);
  if (!match) throw new HttpError(404, 'NOT_FOUND', `no route ${req.method ?? ''} ${path}`);
  const device = deviceOf(fleet, match[1] ?? '');
  const action = `${req.method ?? ''} ${match[2] ?? ''}`;
  switch (action) {
    case 'GET ledger':
      return device.ledger.entries();
    case 'GET sessions':
      return device.sessions();
    case 'GET running-config':
      return { text: device.runningConfig() };
    case 'POST faults': {
      const body = await readJson(req);
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        throw new HttpError(400, 'BAD_FAULTS', 'faults must be a JSON object');
      }
      device.setFaults(body as FaultSpec);
      return { faults: device.currentFaults() };
    }
    case 'POST rotate-host-key':
      device.rotateHostKey();
      return { hostKeyFingerprint: device.hostKeyFingerprint() };
    case 'POST clear-ledger':
      device.ledger.clear();
      return { cleared: true };
    default:
      throw new HttpError(404, 'NOT_FOUND', `no route ${action}`);
  }
}

async function handle(fleet: SimFleet, req: IncomingMessage, res: ServerResponse): Promise<void> {
  let status = 200;
  let body: unknown;
  try {
    body = await route(fleet, req);
  } catch (error) {
    const known = error instanceof HttpError ? error : undefined;
    const simError = error instanceof DeviceSimError ? error : undefined;
    status = known?.status ?? (simError ? 400 : 500);
    const code = known?.code ?? simError?.code ?? 'INTERNAL';
    body = {
      error: { code, message: known || simError ? (error as Error).message : 'internal error' },
    };
  }
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/**
 * Starts the JSON control surface on 127.0.0.1 so other processes (workers under test) can read
 * ledgers and sessions and set faults: GET /devices, GET /devices/:i/ledger,
 * GET /devices/:i/sessions, GET /devices/:i/running-config, POST /devices/:i/faults,
 * POST /devices/:i/rotate-host-key, POST /devices/:i/clear-ledger.
 */
export async function startControlServer(fleet: SimFleet, port = 0): Promise<ControlServer> {
  const server: Server = createServer((req, res) => void handle(fleet, req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host: '127.0.0.1' }, () => resolve());
  });
  const address = server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  return {
    port: bound,
    url: `http://127.0.0.1:${bound}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
