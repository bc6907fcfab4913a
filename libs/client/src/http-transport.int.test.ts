import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ClientErrorCode, FleetpushApiError, FleetpushClientError } from './errors';
import { FleetpushClient } from './fleetpush-client';

// The transport against a real HTTP server that answers what proxies and broken deployments
// answer: HTML error pages, bodies that break the contract. (The API itself: services/cli's
// client.int.test.ts.)

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
let handler: Handler;
let server: Server;
let client: FleetpushClient;
let seen: { url: string; auth: string | undefined; body: string; type: string | undefined }[];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      seen.push({
        url: req.url ?? '',
        auth: req.headers.authorization,
        body,
        type: req.headers['content-type'],
      });
      handler(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  client = new FleetpushClient({ baseUrl: `http://127.0.0.1:${port}/`, token: 'tok-1' });
});

beforeEach(() => {
  seen = [];
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function reply(status: number, body: string, type = 'application/json'): void {
  handler = (_req, res) => {
    res.writeHead(status, { 'content-type': type, 'x-request-id': 'req-42' });
    res.end(body);
  };
}

describe('HttpTransport', () => {
  it('sends the bearer token, encodes path segments and query values, and posts CSV as text/csv', async () => {
    reply(404, JSON.stringify({ error: { code: 'not_found', message: 'no such device' } }));
    await client.devices.get('[2001:db8::1]:22').catch(() => undefined);
    reply(
      200,
      JSON.stringify({
        mode: 'merge',
        total: 1,
        imported: 1,
        created: 1,
        updated: 0,
        rejected: [],
      }),
    );
    await client.devices.import('host\n10.0.0.1\n', { mode: 'merge', partial: true });
    expect(seen[0]).toMatchObject({
      url: '/api/v1/devices/%5B2001%3Adb8%3A%3A1%5D%3A22',
      auth: 'Bearer tok-1',
    });
    expect(seen[1]).toMatchObject({
      url: '/api/v1/devices/import?mode=merge&partial=true',
      body: 'host\n10.0.0.1\n',
      type: 'text/csv',
    });
  });

  it('turns the API error body into a FleetpushApiError with details and the request id', async () => {
    reply(
      400,
      JSON.stringify({
        error: {
          code: 'validation_failed',
          message: 'bad body',
          details: [{ path: 'strategy.concurrency', message: 'too small' }],
        },
      }),
    );
    const error = (await client.jobs.list().catch((e: unknown) => e)) as FleetpushApiError;
    expect(error).toBeInstanceOf(FleetpushApiError);
    expect(error).toMatchObject({ status: 400, code: 'validation_failed', requestId: 'req-42' });
    expect(error.details).toEqual([{ path: 'strategy.concurrency', message: 'too small' }]);
    expect(error.isClientError).toBe(true);
  });

  it('still reports a status for an error page that is not the API (a proxy 502)', async () => {
    reply(502, '<html>Bad Gateway</html>', 'text/html');
    const error = (await client.jobs.get('j1').catch((e: unknown) => e)) as FleetpushApiError;
    expect(error).toBeInstanceOf(FleetpushApiError);
    expect(error).toMatchObject({ status: 502, code: 'http_502', details: [] });
    expect(error.isClientError).toBe(false);
  });

  it('refuses a 2xx answer that breaks the contract instead of returning it typed', async () => {
    reply(200, JSON.stringify({ items: 'not a list' }));
    const error = (await client.jobs.list().catch((e: unknown) => e)) as FleetpushClientError;
    expect(error).toBeInstanceOf(FleetpushClientError);
    expect(error.code).toBe(ClientErrorCode.badResponse);
    reply(200, 'not json', 'text/plain');
    await expect(client.jobs.list()).rejects.toMatchObject({ code: ClientErrorCode.badResponse });
  });

  it('passes fields a newer API adds through the loose response schemas', async () => {
    reply(
      200,
      JSON.stringify({ id: 'j1', action: 'pause', status: 'paused', changed: true, extra: 7 }),
    );
    expect(await client.jobs.pause('j1')).toMatchObject({ status: 'paused', extra: 7 });
    expect(seen[0]).toMatchObject({ url: '/api/v1/jobs/j1/pause', body: '{}' });
  });
});
