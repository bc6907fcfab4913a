import { Role } from '@fleetpush/contracts';
import { installLeakCheck, withRedis, type TestRedis } from '@fleetpush/testing';
import { redisKeys } from '../redis-keys';
import { TokenStoreError, TokenStoreErrorCode } from './errors';
import { BOOTSTRAP_ADMIN, TokenStore } from './token-store';

installLeakCheck();

/** Every string stored under the test prefix (keys, hash fields and values). */
async function dumpPrefix({ redis, prefix }: TestRedis): Promise<string> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', `${prefix}*`);
    cursor = next;
    keys.push(...found);
  } while (cursor !== '0');
  const parts: string[] = [...keys];
  for (const key of keys) parts.push(...Object.entries(await redis.hgetall(key)).flat());
  return parts.join('\n');
}

describe('TokenStore', () => {
  it('issues a token that verifies to its name and role, storing only its hash', async () => {
    await withRedis(async (ctx) => {
      const store = new TokenStore(ctx.redis, redisKeys(ctx.prefix));
      const { id, token } = await store.create('noc dashboard', Role.viewer, {
        createdBy: 'alice',
      });
      expect(token).toMatch(/^fpt_[A-Za-z0-9_-]{43}$/);
      expect(await store.verify(token)).toEqual({ id, name: 'noc dashboard', role: 'viewer' });
      expect(await store.verify(`${token}x`)).toBeNull();
      const dump = await dumpPrefix(ctx);
      expect(dump).toContain(id);
      expect(dump).not.toContain(token);
      expect(dump).not.toContain(token.slice(4));
    });
  });

  it('lists tokens without tokens or hashes, oldest first', async () => {
    await withRedis(async (ctx) => {
      let clock = Date.parse('2030-01-01T00:00:00Z');
      const store = new TokenStore(ctx.redis, redisKeys(ctx.prefix), {
        now: () => new Date(clock),
      });
      const first = await store.create('ci', Role.operator);
      clock += 1000;
      const second = await store.create('admin 2', Role.admin, {
        createdBy: 'FLEETPUSH_ADMIN_TOKEN',
        expiresAt: new Date(clock + 60_000),
      });
      const listed = await store.list();
      expect(listed).toEqual([
        { id: first.id, name: 'ci', role: 'operator', createdAt: '2030-01-01T00:00:00.000Z' },
        {
          id: second.id,
          name: 'admin 2',
          role: 'admin',
          createdAt: '2030-01-01T00:00:01.000Z',
          createdBy: 'FLEETPUSH_ADMIN_TOKEN',
          expiresAt: '2030-01-01T00:01:01.000Z',
        },
      ]);
      expect(JSON.stringify(listed)).not.toMatch(/[0-9a-f]{64}/);
    });
  });

  it('refuses a revoked token at once and says when there was nothing to revoke', async () => {
    await withRedis(async (ctx) => {
      const store = new TokenStore(ctx.redis, redisKeys(ctx.prefix));
      const kept = await store.create('kept', Role.viewer);
      const gone = await store.create('gone', Role.operator);
      expect(await store.revoke(gone.id)).toBe(true);
      expect(await store.verify(gone.token)).toBeNull();
      expect(await store.revoke(gone.id)).toBe(false);
      expect(await store.verify(kept.token)).toMatchObject({ id: kept.id });
      expect((await store.list()).map((t) => t.id)).toEqual([kept.id]);
      expect(await ctx.redis.hlen(`${ctx.prefix}:tokens:by-hash`)).toBe(1);
    });
  });

  it('refuses a token from its expiry on', async () => {
    await withRedis(async (ctx) => {
      let clock = Date.parse('2030-01-01T00:00:00Z');
      const store = new TokenStore(ctx.redis, redisKeys(ctx.prefix), {
        now: () => new Date(clock),
      });
      const { token } = await store.create('temp', Role.viewer, {
        expiresAt: new Date(clock + 5000),
      });
      clock += 4999;
      expect(await store.verify(token)).not.toBeNull();
      clock += 1;
      expect(await store.verify(token)).toBeNull();
    });
  });

  it('accepts the configured admin token as the bootstrap admin, as a string or a secret', async () => {
    await withRedis(async (ctx) => {
      const store = new TokenStore(ctx.redis, redisKeys(ctx.prefix));
      const admin = 'a'.repeat(40);
      const issued = await store.create('viewer', Role.viewer);
      expect(await store.verifyWithBootstrap(admin, admin)).toEqual(BOOTSTRAP_ADMIN);
      expect(await store.verifyWithBootstrap(admin, { reveal: () => admin })).toEqual(
        BOOTSTRAP_ADMIN,
      );
      expect(await store.verifyWithBootstrap(`${admin}b`, admin)).toBeNull();
      expect(await store.verifyWithBootstrap(admin, undefined)).toBeNull();
      expect(await store.verifyWithBootstrap(issued.token, admin)).toMatchObject({
        role: 'viewer',
      });
      for (const bad of [undefined, null, 42, '', 'x'.repeat(10_000)]) {
        expect(await store.verifyWithBootstrap(bad, admin)).toBeNull();
      }
    });
  });

  it('refuses a nameless token, an unknown role and an expiry in the past', async () => {
    await withRedis(async (ctx) => {
      const store = new TokenStore(ctx.redis, redisKeys(ctx.prefix));
      const attempts = [
        () => store.create('  ', Role.viewer),
        () => store.create('line\nbreak', Role.viewer),
        () => store.create('x', 'root' as Role),
        () => store.create('x', Role.viewer, { expiresAt: new Date(Date.now() - 1) }),
      ];
      for (const attempt of attempts) {
        await expect(attempt()).rejects.toMatchObject({
          name: 'TokenStoreError',
          code: TokenStoreErrorCode.invalidTokenSpec,
        });
      }
      await expect(attempts[0]!()).rejects.toBeInstanceOf(TokenStoreError);
      expect(await store.list()).toEqual([]);
    });
  });
});
