import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { installLeakCheck } from '@fleetpush/testing';
import { csvOf, deviceRow, withApi } from './__fixtures__/api-harness';

installLeakCheck();

/** POSTs `chunks` with chunked transfer encoding (no Content-Length); resolves status and body. */
function postChunked(
  server: Server,
  path: string,
  headers: Record<string, string>,
  chunks: readonly string[],
): Promise<{ status: number; body: string }> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        headers: { ...headers, Connection: 'close' },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    // The server may answer 413 and close before every chunk is written.
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe('API limits', () => {
  it('answers 413 to a streamed CSV that outgrows the limit, storing nothing', async () => {
    await withApi(
      async (h) => {
        const server = h.app.listen(0, '127.0.0.1');
        await new Promise((resolve) => server.once('listening', resolve));
        try {
          const rows = Array.from({ length: 4_000 }, (_, i) =>
            deviceRow(`10.2.${i >> 8}.${i & 255}`),
          );
          const csv = csvOf(rows);
          const chunks = csv.match(/[\s\S]{1,200}/g) ?? [];
          const res = await postChunked(
            server,
            '/api/v1/devices/import',
            { Authorization: h.auth('operator'), 'Content-Type': 'text/csv' },
            chunks,
          );
          expect(res.status).toBe(413);
          expect(JSON.parse(res.body).error.code).toBe('payload_too_large');
          const small = await postChunked(
            server,
            '/api/v1/devices/import',
            { Authorization: h.auth('operator'), 'Content-Type': 'text/csv' },
            [csvOf([deviceRow('10.0.3.1')])],
          );
          expect(small.status).toBe(200);
        } finally {
          await new Promise((resolve) => server.close(resolve));
        }
        expect(await h.deps.inventory.count()).toBe(1);
      },
      (base) => ({ limits: { ...base.limits, importBytes: 1_000 } }),
    );
  });

  it('rate-limits job submissions per token with 429', async () => {
    await withApi(
      async (h) => {
        const body = { name: 'j', commands: ['ntp server 1.1.1.1'], targets: ['all'] };
        for (let i = 0; i < 2; i++) {
          const res = await h
            .http()
            .post('/api/v1/jobs')
            .set('Authorization', h.auth('operator'))
            .send(body);
          expect(res.status).toBe(400);
        }
        const limited = await h
          .http()
          .post('/api/v1/jobs')
          .set('Authorization', h.auth('operator'))
          .send(body);
        expect(limited.status).toBe(429);
        expect(limited.body.error.code).toBe('rate_limited');
        const other = await h
          .http()
          .post('/api/v1/jobs')
          .set('Authorization', h.auth('admin'))
          .send(body);
        expect(other.status).toBe(400);
      },
      (base) => ({ limits: { ...base.limits, submissionsPerMinute: 2 } }),
    );
  });
});
