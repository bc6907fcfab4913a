import { Role } from '@fleetpush/contracts';
import { installLeakCheck, waitUntil, withRedis } from '@fleetpush/testing';
import {
  collect,
  gatewayWorld,
  join,
  logEvents,
  ADMIN_TOKEN,
} from './__fixtures__/gateway-fixture';

installLeakCheck();

/** The `connect_error` a connection attempt ends with. */
async function refusal(attempt: Promise<unknown>): Promise<{ message: string; code: unknown }> {
  const error = (await attempt.then(
    () => {
      throw new Error('the connection was accepted');
    },
    (e: unknown) => e,
  )) as Error & { data?: { code?: unknown } };
  return { message: error.message, code: error.data?.code };
}

describe('gateway auth', () => {
  it('refuses a missing, unknown or revoked token with a clear connect_error', async () => {
    await withRedis(async (ctx) => {
      const world = gatewayWorld(ctx);
      try {
        const gateway = await world.startGateway();
        const revoked = await world.tokens.create('old laptop', Role.operator);
        await world.tokens.revoke(revoked.id);
        for (const token of [undefined, 'fpt_not-a-token', revoked.token]) {
          const { message, code } = await refusal(world.connect(gateway, { token }));
          expect(code).toBe('unauthorized');
          expect(message).toMatch(/valid API token/);
        }
      } finally {
        await world.closeAll();
      }
    });
  });

  it('lets a viewer token watch a job, by auth.token or Authorization header', async () => {
    await withRedis(async (ctx) => {
      const world = gatewayWorld(ctx);
      try {
        const gateway = await world.startGateway();
        const viewer = await world.tokens.create('noc wall', Role.viewer);
        await world.events.append('job-a', logEvents('job-a', 3));
        const byAuth = await world.connect(gateway, { token: viewer.token });
        const byHeader = await world.connect(gateway, {
          headers: { authorization: `Bearer ${viewer.token}` },
        });
        for (const socket of [byAuth, byHeader]) {
          const received = collect(socket);
          expect(await join(socket, { jobId: 'job-a', since: 0 })).toMatchObject({ ok: true });
          expect(received.map((e) => e.seq)).toEqual([1, 2, 3]);
        }
      } finally {
        await world.closeAll();
      }
    });
  });

  it('accepts the configured admin token, and refuses a foreign origin and the main namespace', async () => {
    await withRedis(async (ctx) => {
      const world = gatewayWorld(ctx);
      try {
        const gateway = await world.startGateway({ corsOrigins: ['https://ops.example.com'] });
        await world.connect(gateway, { token: ADMIN_TOKEN });
        await world.connect(gateway, {
          token: ADMIN_TOKEN,
          headers: { origin: 'https://ops.example.com' },
        });
        const foreign = await refusal(
          world.connect(gateway, {
            token: ADMIN_TOKEN,
            headers: { origin: 'https://evil.example' },
          }),
        );
        expect(foreign).toEqual({
          code: 'origin_not_allowed',
          message: expect.stringMatching(/FLEETPUSH_CORS_ORIGINS/) as unknown,
        });
        const main = await refusal(world.connect(gateway, { token: ADMIN_TOKEN, namespace: '/' }));
        expect(main.code).toBe('wrong_namespace');
      } finally {
        await world.closeAll();
      }
    });
  });

  it('disconnects the sockets of a token on every replica when asked (after a revoke)', async () => {
    await withRedis(async (ctx) => {
      const world = gatewayWorld(ctx);
      try {
        const [a, b] = [await world.startGateway(), await world.startGateway()];
        const doomed = await world.tokens.create('leaked', Role.viewer);
        const kept = await world.tokens.create('kept', Role.viewer);
        const onA = await world.connect(a, { token: doomed.token });
        const onB = await world.connect(b, { token: doomed.token });
        const other = await world.connect(b, { token: kept.token });
        await world.tokens.revoke(doomed.id);
        a.disconnectToken(doomed.id);
        await waitUntil(() => onA.disconnected && onB.disconnected, {
          description: 'both sockets of the revoked token disconnected',
        });
        expect(other.connected).toBe(true);
      } finally {
        await world.closeAll();
      }
    });
  });
});
