import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

/** Where the front door sends requests: the services' own loopback ports. */
export interface FrontDoorRoutes {
  readonly apiPort: number;
  readonly gatewayPort: number;
}

/** The one port of `fleetpush start`; {@link openFrontDoor}. */
export interface FrontDoor {
  readonly port: number;
  /** Stops accepting, and ends the connections it forwards. */
  close(): Promise<void>;
}

/** Socket.IO's path: long-polling requests and WebSocket upgrades go to the gateway. */
const GATEWAY_PATH = '/socket.io/';

function routeOf(url: string | undefined, routes: FrontDoorRoutes): number {
  return url?.startsWith(GATEWAY_PATH) ? routes.gatewayPort : routes.apiPort;
}

/** Forwards one HTTP request and its answer as they stream (uploads, NDJSON, long waits). */
function forward(req: IncomingMessage, res: ServerResponse, port: number): void {
  const upstream = request(
    { host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on('error', () => {
    if (res.headersSent) res.destroy();
    else
      res
        .writeHead(502, { 'Content-Type': 'text/plain' })
        .end('fleetpush start: service unavailable\n');
  });
  // a client gone before its answer ended: the service must see it go too (it stops waiting)
  res.on('close', () => {
    if (!res.writableFinished) upstream.destroy();
  });
  req.pipe(upstream);
}

/** The request line and headers of an upgrade, as the client sent them. */
function requestHead(req: IncomingMessage): string {
  const lines = [`${req.method ?? 'GET'} ${req.url ?? '/'} HTTP/${req.httpVersion}`];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
  }
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/** Joins a WebSocket upgrade to the gateway: the bytes both ways, until either side closes. */
function tunnel(req: IncomingMessage, client: Socket, head: Buffer, port: number): void {
  const upstream = connect(port, '127.0.0.1');
  const end = (): void => {
    client.destroy();
    upstream.destroy();
  };
  upstream.once('connect', () => {
    upstream.setNoDelay(true);
    client.setNoDelay(true);
    upstream.write(requestHead(req));
    if (head.length > 0) upstream.write(head);
    client.pipe(upstream).pipe(client);
  });
  upstream.on('error', end).on('close', end);
  client.on('error', end).on('close', end);
}

/**
 * The one port of `fleetpush start` (`FLEETPUSH_PORT`), as DESIGN §6 describes: the API, the web
 * UI it serves and the Socket.IO gateway behind one origin, so a browser needs no gateway URL
 * and no CORS, and a remote machine one forwarded port. Requests under `/socket.io/` (long
 * polling and WebSocket upgrades) go to the gateway, the rest to the API, each on a loopback port
 * of its own. Services never import each other, so the gateway cannot live in the API's process:
 * the front door forwards bytes instead.
 */
export async function openFrontDoor(port: number, routes: FrontDoorRoutes): Promise<FrontDoor> {
  const sockets = new Set<Socket>();
  const server = createServer({ requestTimeout: 0 }, (req, res) =>
    forward(req, res, routeOf(req.url, routes)),
  );
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  server.on('upgrade', (req, socket: Socket, head: Buffer) => {
    if (routeOf(req.url, routes) !== routes.gatewayPort) return socket.destroy();
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    tunnel(req, socket, head, routes.gatewayPort);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
