import type { CredentialProfile } from '@fleetpush/contracts';
import { installLeakCheck, withRedis } from '@fleetpush/testing';
import { redisKeys } from '../redis-keys';
import { CredentialStore, toCredentialView } from './credential-store';
import { InventoryStoreError, InventoryStoreErrorCode } from './errors';

installLeakCheck();

const AT = '2024-01-01T00:00:00.000Z';

function profile(name: string, extra: Partial<CredentialProfile> = {}): CredentialProfile {
  return { name, username: 'netops', password_sealed: 'v1:cGFzc3dvcmQ=', created_at: AT, ...extra };
}

describe('CredentialStore', () => {
  it('creates, reads, lists by name and deletes profiles', async () => {
    await withRedis(async (ctx) => {
      const store = new CredentialStore(ctx.redis, redisKeys(ctx.prefix));
      await store.create(profile('core-rw', { enable_secret_sealed: 'v1:ZW5hYmxl' }));
      await store.create(
        profile('access-ro', {
          password_sealed: undefined,
          private_key_sealed: 'v1:a2V5',
          passphrase_sealed: 'v1:cGhyYXNl',
        }),
      );
      expect(await store.get('core-rw')).toEqual(
        profile('core-rw', { enable_secret_sealed: 'v1:ZW5hYmxl' }),
      );
      expect(await store.get('nope')).toBeUndefined();
      expect((await store.list()).map((p) => p.name)).toEqual(['access-ro', 'core-rw']);
      expect(await store.delete('core-rw')).toBe(true);
      expect(await store.delete('core-rw')).toBe(false);
      expect((await store.list()).map((p) => p.name)).toEqual(['access-ro']);
    });
  });

  it('refuses a second profile of the same name and keeps the first', async () => {
    await withRedis(async (ctx) => {
      const store = new CredentialStore(ctx.redis, redisKeys(ctx.prefix));
      await store.create(profile('core'));
      const error = await store
        .create(profile('core', { username: 'other' }))
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InventoryStoreError);
      expect(error).toMatchObject({
        code: InventoryStoreErrorCode.credentialExists,
        subject: 'core',
      });
      expect((await store.get('core'))?.username).toBe('netops');
    });
  });

  it('refuses a profile that does not match its schema, and a damaged stored one', async () => {
    await withRedis(async (ctx) => {
      const keys = redisKeys(ctx.prefix);
      const store = new CredentialStore(ctx.redis, keys);
      await expect(store.create(profile('bad name!'))).rejects.toMatchObject({
        code: InventoryStoreErrorCode.invalidCredential,
      });
      await expect(store.create({ ...profile('x'), username: '' })).rejects.toMatchObject({
        code: InventoryStoreErrorCode.invalidCredential,
      });
      expect(await store.list()).toEqual([]);
      await ctx.redis.hset(keys.credentials, 'broken', '{"name":"broken"}');
      await expect(store.get('broken')).rejects.toMatchObject({
        code: InventoryStoreErrorCode.corruptRecord,
        subject: 'broken',
      });
    });
  });

  it('shows which secrets are set, never the sealed values', () => {
    const view = toCredentialView(
      profile('k', {
        password_sealed: undefined,
        private_key_sealed: 'v1:a2V5',
        enable_secret_sealed: 'v1:ZQ==',
      }),
    );
    expect(view).toEqual({
      name: 'k',
      username: 'netops',
      has_password: false,
      has_private_key: true,
      has_passphrase: false,
      has_enable_secret: true,
      created_at: AT,
    });
  });
});
