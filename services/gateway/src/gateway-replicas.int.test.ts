import { createServer } from 'node:http';
import type { FleetEvent, JobSummaryEvent } from '@fleetpush/contracts';
import { installLeakCheck, waitUntil, withRedis } from '@fleetpush/testing';
import { EVENTS_PER_DEVICE, produceDeviceRun } from './__fixtures__/device-run';
import {
  ADMIN_TOKEN,
  gatewayWorld,
  join,
  quietLogger,
  seqs,
  type ClientSocket,
} from './__fixtures__/gateway-fixture';
import { createGateway } from './gateway';

installLeakCheck();

describe('gateway replicas', () => {
  it('two replicas on one Redis: clients on each see every event of the job', async () => {
    await withRedis(async (ctx) => {
      const world = gatewayWorld(ctx);
      try {
        const replicas = [await world.startGateway(), await world.startGateway()];
        await world.events.append('job', [
          { type: 'job:created', jobId: 'job', name: 'job', targets: 50 },
        ]);
        const inbox = new Map<ClientSocket, FleetEvent[]>();
        for (const replica of replicas) {
          for (let i = 0; i < 2; i += 1) {
            const socket = await world.connect(replica, { token: ADMIN_TOKEN });
            const received: FleetEvent[] = [];
            socket.on('job:events', (batch) => received.push(...batch));
            expect(await join(socket, { jobId: 'job' })).toMatchObject({ ok: true });
            inbox.set(socket, received);
          }
        }
        await produceDeviceRun(world.events, 'job', 50, { lanes: 5, pauseMs: 0 });
        const total = 50 * EVENTS_PER_DEVICE + 1;
        await waitUntil(() => [...inbox.values()].every((r) => r.length >= total), {
          description: 'every client has every event',
        });
        for (const received of inbox.values()) {
          expect(received.map((e) => e.seq)).toEqual(seqs(1, total));
        }
      } finally {
        await world.closeAll();
      }
    });
  });

  it('sends dashboard summaries of status changes and counts to subscribers on each replica', async () => {
    await withRedis(async (ctx) => {
      const world = gatewayWorld(ctx);
      try {
        const replicas = [
          await world.startGateway({ summaryIntervalMs: 20 }),
          await world.startGateway({ summaryIntervalMs: 20 }),
        ];
        const job = 'dash';
        const record = world.keys.job(job).record;
        await ctx.redis.hset(record, { name: 'ntp', status: 'queued', targets: 3 });
        await ctx.redis.sadd(world.keys.activeJobs, job);
        await world.events.append(job, [
          { type: 'job:created', jobId: job, name: 'ntp', targets: 3 },
        ]);
        const seen: JobSummaryEvent[][] = [];
        for (const replica of replicas) {
          const socket = await world.connect(replica, { token: ADMIN_TOKEN });
          const summaries: JobSummaryEvent[] = [];
          socket.on('jobs:summary', (s) => summaries.push(s));
          socket.emit('jobs:subscribe');
          seen.push(summaries);
        }
        for (const summaries of seen) {
          // A new dashboard first gets the active jobs as they are.
          await waitUntil(() => summaries.length > 0, { description: 'the initial summary' });
          expect(summaries[0]).toMatchObject({
            jobId: job,
            status: 'queued',
            counts: { pending: 3 },
          });
        }
        await world.events.append(job, [
          { type: 'job:status', jobId: job, from: 'queued', to: 'running' },
          {
            type: 'device:result',
            jobId: job,
            deviceKey: '10.0.0.1:22',
            state: 'succeeded',
            attempts: 1,
          },
        ]);
        await world.events.append(job, [
          {
            type: 'device:result',
            jobId: job,
            deviceKey: '10.0.0.2:22',
            state: 'failed',
            attempts: 1,
          },
        ]);
        const expected = {
          jobId: job,
          name: 'ntp',
          status: 'running',
          targets: 3,
          counts: { succeeded: 1, failed: 1, pending: 1 },
        };
        for (const summaries of seen) {
          await waitUntil(() => summaries.at(-1)?.counts.failed === 1, { description: 'counts' });
          expect(summaries.at(-1)).toMatchObject(expected);
        }
        await world.events.append(job, [
          {
            type: 'job:finished',
            jobId: job,
            status: 'failed',
            counts: { succeeded: 1, failed: 1, skipped: 1 },
            durationMs: 5,
          },
        ]);
        for (const summaries of seen) {
          await waitUntil(() => summaries.at(-1)?.status === 'failed', { description: 'finished' });
          expect(summaries.at(-1)?.counts).toEqual({ succeeded: 1, failed: 1, skipped: 1 });
        }
      } finally {
        await world.closeAll();
      }
    });
  });

  it('mounts on a caller-owned HTTP server and leaves it running when closed', async () => {
    await withRedis(async (ctx) => {
      const world = gatewayWorld(ctx);
      const server = createServer((_req, res) => res.end('api'));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const port = (server.address() as { port: number }).port;
      const gateway = createGateway({
        redis: ctx.redis,
        keys: world.keys,
        tokens: world.tokens,
        adminToken: ADMIN_TOKEN,
        corsOrigins: [],
        logger: quietLogger,
        httpServer: server,
      });
      try {
        await gateway.start();
        expect(gateway.port).toBeUndefined();
        await world.events.append('m', [{ type: 'log', jobId: 'm', level: 'info', lines: ['x'] }]);
        const socket = await world.connect({ ...gateway, port }, { token: ADMIN_TOKEN });
        expect(await join(socket, { jobId: 'm' })).toMatchObject({ ok: true, lastSeq: 1 });
        await gateway.close();
        await waitUntil(() => socket.disconnected, { description: 'client disconnected' });
        expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe('api');
        await gateway.close();
      } finally {
        await world.closeAll();
        await gateway.close();
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    });
  });
});
