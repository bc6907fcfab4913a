import { createServer, request, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { installLeakCheck, waitUntil } from '@fleetpush/testing';
import { openFrontDoor, type FrontDoor } from './front-door';

installLeakCheck();

/** What a stand-in service saw. */
interface Seen {
  readonly paths: string[];
  /** Requests whose client went away before the answer ended. */
  aborted: number;
}

/**
 * A stand-in service on a free port: answers `name path body` (the request's body echoed),
 * `/slow` with a first chunk and then nothing (until its client leaves), and WebSocket-style
 * upgrades by echoing the tunnel's bytes.
 */
async function service(name: string): Promise<{ server: Server; port: number; seen: Seen }> {
  const seen: Seen = { paths: [], aborted: 0 };
  const server = createServer((req, res) => {
    seen.paths.push(req.url ?? '');
    if (req.url === '/slow') {
      res.writeHead(200).write('first chunk\n');
      res.on('close', () => (seen.aborted += 1));
      return;
    }
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => res.end(`${name} ${req.url} ${body}`));
  });
  server.on('upgrade', (req, socket: Socket) => {
    seen.paths.push(`upgrade ${req.url}`);
    socket.write(
      'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n',
    );
    socket.on('data', (data: Buffer) => socket.write(`${name} echo ${data.toString()}`));
    // an upgraded socket is half-open by default: end it when the tunnel does, as ws does
    socket.on('end', () => socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, seen };
}

function fetchText(
  port: number,
  path: string,
  body?: string,
): Promise<{ status: number; text: string }> {
  return fetch(`http://127.0.0.1:${port}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    ...(body !== undefined && { body }),
  }).then(async (res) => ({ status: res.status, text: await res.text() }));
}

/** Opens an upgraded tunnel through the front door, sends `message`, resolves with the reply. */
function upgradeAndEcho(port: number, path: string, message: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () =>
      socket.write(
        `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n`,
      ),
    );
    let received = '';
    socket.on('data', (data: Buffer) => {
      received += data.toString();
      if (received.includes('\r\n\r\n') && !received.includes('echo')) socket.write(message);
      if (received.includes('echo')) {
        socket.destroy();
        resolve(received.slice(received.indexOf('\r\n\r\n') + 4));
      }
    });
    socket.on('error', reject);
    socket.on('close', () => reject(new Error('the tunnel closed before any echo')));
  });
}

async function withFrontDoor(
  fn: (
    door: FrontDoor,
    api: Awaited<ReturnType<typeof service>>,
    gateway: Awaited<ReturnType<typeof service>>,
  ) => Promise<void>,
): Promise<void> {
  const api = await service('api');
  const gateway = await service('gateway');
  const door = await openFrontDoor(0, { apiPort: api.port, gatewayPort: gateway.port });
  try {
    await fn(door, api, gateway);
  } finally {
    await door.close();
    for (const s of [api.server, gateway.server]) {
      s.closeAllConnections();
      await new Promise((resolve) => s.close(resolve));
    }
  }
}

describe('the front door of fleetpush start (one port for the API and the gateway)', () => {
  it('sends /socket.io/ to the gateway and everything else, bodies included, to the API', () =>
    withFrontDoor(async (door, api, gateway) => {
      expect(await fetchText(door.port, '/api/v1/jobs?x=1')).toEqual({
        status: 200,
        text: 'api /api/v1/jobs?x=1 ',
      });
      expect(await fetchText(door.port, '/api/v1/devices/import', 'host,port\n')).toEqual({
        status: 200,
        text: 'api /api/v1/devices/import host,port\n',
      });
      expect((await fetchText(door.port, '/socket.io/?EIO=4&transport=polling')).text).toBe(
        'gateway /socket.io/?EIO=4&transport=polling ',
      );
      expect(api.seen.paths).toEqual(['/api/v1/jobs?x=1', '/api/v1/devices/import']);
      expect(gateway.seen.paths).toEqual(['/socket.io/?EIO=4&transport=polling']);
    }));

  it('tunnels a WebSocket upgrade to the gateway both ways, and refuses one anywhere else', () =>
    withFrontDoor(async (door, api, gateway) => {
      expect(await upgradeAndEcho(door.port, '/socket.io/?EIO=4&transport=websocket', 'ping')).toBe(
        'gateway echo ping',
      );
      expect(gateway.seen.paths).toEqual(['upgrade /socket.io/?EIO=4&transport=websocket']);
      await expect(upgradeAndEcho(door.port, '/api/v1/jobs', 'ping')).rejects.toThrow();
      expect(api.seen.paths).toEqual([]);
    }));

  it('streams an answer as it comes, and a client that leaves mid-answer is gone for the service too', () =>
    withFrontDoor(async (door, api) => {
      const first = await new Promise<string>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port: door.port, path: '/slow' }, (res) => {
          res.once('data', (chunk: Buffer) => {
            req.destroy();
            resolve(chunk.toString());
          });
        });
        req.on('error', (error) =>
          error.message === 'socket hang up' ? undefined : reject(error),
        );
        req.end();
      });
      expect(first).toBe('first chunk\n');
      await waitUntil(() => api.seen.aborted === 1 || undefined, {
        timeoutMs: 5_000,
        description: 'the service to see its client leave',
      });
    }));

  it('answers 502 when a service does not answer, and says why it cannot listen on a taken port', async () => {
    const door = await openFrontDoor(0, { apiPort: 9, gatewayPort: 9 });
    try {
      expect(await fetchText(door.port, '/api/v1/jobs')).toEqual({
        status: 502,
        text: 'fleetpush start: service unavailable\n',
      });
      await expect(openFrontDoor(door.port, { apiPort: 9, gatewayPort: 9 })).rejects.toThrow(
        /EADDRINUSE/,
      );
    } finally {
      await door.close();
    }
  });
});
