import { installLeakCheck, waitUntil, withRedis } from '@fleetpush/testing';
import {
  ADMIN_TOKEN,
  collect,
  gatewayWorld,
  join,
  logEvents,
  seqs,
} from './__fixtures__/gateway-fixture';

installLeakCheck();

describe('gateway replay then live', () => {
  it('replays everything in order from since=0, then sends live events', async () => {
    await withRedis(async (ctx) => {
      const world = gatewayWorld(ctx);
      try {
        const gateway = await world.startGateway({ replayPageSize: 7 });
        await world.events.append('job-1', logEvents('job-1', 50));
        await world.events.append('other', logEvents('other', 5));
        const socket = await world.connect(gateway, { token: ADMIN_TOKEN });
        const received = collect(socket);
        const ack = await join(socket, { jobId: 'job-1', since: 0 });
        expect(ack).toEqual({ ok: true, lastSeq: 50, replayed: 50, truncated: false });
        expect(received.map((e) => e.seq)).toEqual(seqs(1, 50));
        await world.events.append('job-1', logEvents('job-1', 3, 51));
        await world.events.append('other', logEvents('other', 3));
        await waitUntil(() => received.length === 53, { description: 'live events' });
        expect(received.map((e) => [e.jobId, e.seq])).toEqual(seqs(1, 53).map((s) => ['job-1', s]));
        expect(received.at(-1)).toMatchObject({ type: 'log', lines: ['line 53'] });
      } finally {
        await world.closeAll();
      }
    });
  });

  it('sends exactly the events after `since`', async () => {
    await withRedis(async (ctx) => {
      const world = gatewayWorld(ctx);
      try {
        const gateway = await world.startGateway();
        await world.events.append('job-1', logEvents('job-1', 20));
        const socket = await world.connect(gateway, { token: ADMIN_TOKEN });
        const received = collect(socket);
        expect(await join(socket, { jobId: 'job-1', since: 17 })).toMatchObject({
          ok: true,
          lastSeq: 20,
          replayed: 3,
        });
        await world.events.append('job-1', logEvents('job-1', 1, 21));
        await waitUntil(() => received.length === 4, { description: 'the live event' });
        expect(received.map((e) => e.seq)).toEqual([18, 19, 20, 21]);
      } finally {
        await world.closeAll();
      }
    });
  });

  it('stops sending a job after job:leave, and keeps the others', async () => {
    await withRedis(async (ctx) => {
      const world = gatewayWorld(ctx);
      try {
        const gateway = await world.startGateway();
        await world.events.append('a', logEvents('a', 1));
        await world.events.append('b', logEvents('b', 1));
        const socket = await world.connect(gateway, { token: ADMIN_TOKEN });
        const received = collect(socket);
        await join(socket, { jobId: 'a', since: 1 });
        await join(socket, { jobId: 'b', since: 1 });
        socket.emit('job:leave', { jobId: 'a' });
        // A round trip after the leave: the server has handled it before this ack.
        await join(socket, { jobId: 'b', since: 1 });
        await world.events.append('a', logEvents('a', 1, 2));
        await world.events.append('b', logEvents('b', 1, 2));
        await waitUntil(() => received.some((e) => e.jobId === 'b'), { description: 'b live' });
        expect(received.map((e) => `${e.jobId}${e.seq}`)).toEqual(['b2']);
      } finally {
        await world.closeAll();
      }
    });
  });

  it('says when the stream was trimmed past `since` and continues from what exists', async () => {
    await withRedis(async (ctx) => {
      const world = gatewayWorld(ctx);
      try {
        const gateway = await world.startGateway();
        await world.events.append('job-1', logEvents('job-1', 10));
        await ctx.redis.xtrim(world.keys.jobEvents('job-1'), 'MAXLEN', 4);
        const socket = await world.connect(gateway, { token: ADMIN_TOKEN });
        const received = collect(socket);
        expect(await join(socket, { jobId: 'job-1', since: 2 })).toEqual({
          ok: true,
          lastSeq: 10,
          replayed: 4,
          truncated: true,
        });
        expect(received.map((e) => e.seq)).toEqual([7, 8, 9, 10]);
      } finally {
        await world.closeAll();
      }
    });
  });

  it('answers an unknown job and a malformed join with ack errors and keeps serving', async () => {
    await withRedis(async (ctx) => {
      const world = gatewayWorld(ctx);
      try {
        const gateway = await world.startGateway();
        await world.events.append('job-1', logEvents('job-1', 2));
        const socket = await world.connect(gateway, { token: ADMIN_TOKEN });
        expect(await join(socket, { jobId: 'nope', since: 0 })).toEqual({
          ok: false,
          error: { code: 'job_not_found', message: 'no job nope' },
        });
        const malformed: unknown[] = [
          { jobId: '', since: 0 },
          { jobId: 'job-1', since: -1 },
          { jobId: 'job-1', since: 1.5 },
          { jobId: 'job-1', since: 0, extra: true },
          'job-1',
          null,
        ];
        for (const request of malformed) {
          const ack = await socket.timeout(5000).emitWithAck('job:join', request as never);
          expect(ack).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
        }
        socket.emit('job:join', { jobId: 'job-1', since: 0 }, undefined as never);
        socket.emit('job:leave', null as never);
        const received = collect(socket);
        expect(await join(socket, { jobId: 'job-1' })).toMatchObject({ ok: true, lastSeq: 2 });
        expect(received.map((e) => e.seq)).toEqual([1, 2]);
        expect((await world.connect(gateway, { token: ADMIN_TOKEN })).connected).toBe(true);
      } finally {
        await world.closeAll();
      }
    });
  });

  it('refuses more jobs per connection than allowed', async () => {
    await withRedis(async (ctx) => {
      const world = gatewayWorld(ctx);
      try {
        const gateway = await world.startGateway({ maxJobsPerSocket: 2 });
        for (const id of ['a', 'b', 'c']) await world.events.append(id, logEvents(id, 1));
        const socket = await world.connect(gateway, { token: ADMIN_TOKEN });
        expect(await join(socket, { jobId: 'a' })).toMatchObject({ ok: true });
        expect(await join(socket, { jobId: 'b' })).toMatchObject({ ok: true });
        expect(await join(socket, { jobId: 'c' })).toMatchObject({
          ok: false,
          error: { code: 'too_many_jobs' },
        });
        expect(await join(socket, { jobId: 'a', since: 1 })).toMatchObject({ ok: true });
      } finally {
        await world.closeAll();
      }
    });
  });
});
