import {
  installLeakCheck,
  metricValue,
  startPrivateRedis,
  httpGet,
  readyz,
  readyzBecomes,
  waitUntil,
  withRedis,
} from '@fleetpush/testing';
import { randomUUID } from 'node:crypto';
import { deviceAppends } from './__fixtures__/device-run';
import { ADMIN_TOKEN, collect, gatewayWorld, join } from './__fixtures__/gateway-fixture';

jest.setTimeout(60_000);
installLeakCheck();

describe('gateway probes and metrics', () => {
  it('/metrics measures the lag of every live event it delivered', () =>
    withRedis(async (ctx) => {
      const world = gatewayWorld(ctx);
      try {
        const gateway = await world.startGateway();
        const jobId = randomUUID();
        await world.events.append(jobId, [
          { type: 'job:status', jobId, from: null, to: 'running' },
        ]);
        const socket = await world.connect(gateway, { token: ADMIN_TOKEN });
        const received = collect(socket);
        expect(await join(socket, { jobId, since: 0 })).toMatchObject({ ok: true });
        // Three devices' worth of live events, appended as a worker groups them.
        let live = 0;
        for (let i = 0; i < 3; i += 1) {
          for (const batch of deviceAppends(jobId, i)) {
            await world.events.append(jobId, batch);
            live += batch.length;
          }
        }
        await waitUntil(() => received.length === live + 1, {
          timeoutMs: 10_000,
          description: 'every event delivered',
        });
        const { status, text } = await httpGet(gateway.port!, '/metrics');
        expect(status).toBe(200);
        // Replayed events are old by design: only the live ones are measured.
        expect(metricValue(text, 'fleetpush_event_lag_seconds_count')).toBe(live);
        expect(metricValue(text, 'fleetpush_event_lag_seconds_bucket', { le: '+Inf' })).toBe(live);
        expect(text).toContain('service="gateway"');
        expect(text).not.toContain(ADMIN_TOKEN);

        expect(await httpGet(gateway.port!, '/healthz')).toEqual({
          status: 200,
          text: '{"status":"ok"}',
        });
        expect((await httpGet(gateway.port!, '/nowhere')).status).toBe(404);
      } finally {
        await world.closeAll();
      }
    }));

  it('/readyz turns 503 while Redis is stopped and 200 again once it is back', async () => {
    const server = await startPrivateRedis();
    try {
      await withRedis(async (ctx) => {
        const world = gatewayWorld(ctx);
        try {
          const gateway = await world.startGateway();
          expect(await readyz(gateway.port!)).toEqual({
            status: 200,
            body: { status: 'ready', checks: { redis: true, events: true } },
          });
          await server.stop();
          const down = await readyzBecomes(gateway.port!, 503);
          expect(down.body).toEqual({
            status: 'not_ready',
            checks: { redis: false, events: false },
          });
          expect((await httpGet(gateway.port!, '/healthz')).status).toBe(200);
          await server.restart();
          await readyzBecomes(gateway.port!, 200, 30_000);
        } finally {
          await world.closeAll();
        }
      }, server.url);
    } finally {
      await server.close();
    }
  });
});
