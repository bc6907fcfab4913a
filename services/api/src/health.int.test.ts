import { installLeakCheck } from '@fleetpush/testing';
import { Redis } from 'ioredis';
import { withApi } from './__fixtures__/api-harness';

installLeakCheck();

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
});
