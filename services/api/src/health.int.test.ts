import { installLeakCheck, metricValue, startPrivateRedis, waitUntil } from '@fleetpush/testing';
import { Redis } from 'ioredis';
import { csvOf, deviceRow, withApi } from './__fixtures__/api-harness';

// supertest's per-request servers can take a few seconds to close under load (their
// connection-checking timer lives until then): a real leak outlives this grace
installLeakCheck(10_000);

describe('probes', () => {
  it('/healthz and /readyz answer without a token and without data', () =>
    withApi(async (h) => {
      const health = await h.http().get('/healthz');
      expect(health.status).toBe(200);
      expect(health.body).toEqual({ status: 'ok' });
      const ready = await h.http().get('/readyz');
      expect(ready.status).toBe(200);
      expect(ready.body).toEqual({ status: 'ready', checks: { redis: true } });
    }));

  it('/readyz is 503 while Redis does not answer', async () => {
    // A client pointed at a port where no Redis listens stands for Redis being down.
    const unreachable = new Redis('redis://127.0.0.1:1', {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    unreachable.on('error', () => undefined);
    try {
      await withApi(
        async (h) => {
          const ready = await h.http().get('/readyz');
          expect(ready.status).toBe(503);
          expect(ready.body).toEqual({ status: 'not_ready', checks: { redis: false } });
        },
        { redis: unreachable },
      );
    } finally {
      unreachable.disconnect();
    }
  });

  it('/readyz turns 503 while Redis is stopped and 200 again once it is back', async () => {
    const server = await startPrivateRedis();
    const redis = new Redis(server.url, { maxRetriesPerRequest: 1 });
    redis.on('error', () => undefined);
    try {
      await withApi(
        async (h) => {
          expect((await h.http().get('/readyz')).status).toBe(200);
          await server.stop();
          const down = await waitUntil(
            async () => {
              const res = await h.http().get('/readyz');
              return res.status === 503 ? res : undefined;
            },
            { timeoutMs: 15_000, description: '/readyz 503' },
          );
          expect(down.body).toEqual({ status: 'not_ready', checks: { redis: false } });
          expect((await h.http().get('/healthz')).status).toBe(200);
          await server.restart();
          await waitUntil(async () => (await h.http().get('/readyz')).status === 200, {
            timeoutMs: 30_000,
            description: '/readyz 200 again',
          });
        },
        { redis },
      );
    } finally {
      redis.disconnect();
      await server.close();
    }
  });

  it('/metrics shows submitted jobs, the queue and request durations by route pattern', () =>
    withApi(async (h) => {
      const imported = await h
        .http()
        .post('/api/v1/devices/import')
        .set('Authorization', h.auth('operator'))
        .set('Content-Type', 'text/csv')
        .send(csvOf([deviceRow('10.0.0.1'), deviceRow('10.0.0.2')]));
      expect(imported.status).toBe(200);
      const submitted = await h
        .http()
        .post('/api/v1/jobs')
        .set('Authorization', h.auth('operator'))
        .send({ name: 'ntp', commands: ['ntp server 10.9.9.9'], targets: ['all'] });
      expect(submitted.status).toBe(201);
      const id = submitted.body.job.id as string;
      for (let i = 0; i < 2; i += 1) {
        const read = await h
          .http()
          .get(`/api/v1/jobs/${id}`)
          .set('Authorization', h.auth('viewer'));
        expect(read.status).toBe(200);
      }
      expect((await h.http().get('/nowhere')).status).toBe(404);

      const scrape = await h.http().get('/metrics');
      expect(scrape.status).toBe(200);
      expect(scrape.headers['content-type']).toContain('text/plain');
      const body = scrape.text;
      // The canary is running and waits in the queue for a worker (none runs here).
      expect(metricValue(body, 'fleetpush_jobs', { state: 'running' })).toBe(1);
      expect(metricValue(body, 'fleetpush_jobs', { state: 'queued' })).toBe(0);
      expect(metricValue(body, 'fleetpush_queue_depth', { state: 'waiting' })).toBe(1);
      const count = 'fleetpush_http_request_duration_seconds_count';
      expect(
        metricValue(body, count, { method: 'POST', route: '/api/v1/jobs', status: '201' }),
      ).toBe(1);
      expect(
        metricValue(body, count, { method: 'GET', route: '/api/v1/jobs/:id', status: '200' }),
      ).toBe(2);
      expect(metricValue(body, count, { route: 'unmatched', status: '404' })).toBe(1);
      // Ids and tokens never become label values.
      expect(body).not.toContain(id);
      expect(body).not.toContain(h.tokens.viewer);
    }));
});
