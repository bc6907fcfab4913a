import { installLeakCheck, withRedis } from '@fleetpush/testing';
import { redisKeys } from '../redis-keys';
import { PresetStoreErrorCode } from './errors';
import { PresetStore, type PresetContent } from './preset-store';

installLeakCheck();

const NTP: PresetContent = {
  name: 'ntp',
  os_model: 'cisco_ios',
  commands: ['ntp server 10.0.0.1'],
  verify_commands: [],
  settings: {},
};

describe('PresetStore', () => {
  it('lets exactly one of several concurrent creates of the same name win', async () => {
    await withRedis(async ({ redis, prefix }) => {
      const store = new PresetStore(redis, redisKeys(prefix));
      const results = await Promise.allSettled(
        Array.from({ length: 8 }, (_, i) =>
          store.create({ ...NTP, name: i % 2 ? 'NTP' : 'ntp' }, 'a'),
        ),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results.filter((r) => r.status === 'rejected'))
        expect((r as PromiseRejectedResult).reason).toMatchObject({
          code: PresetStoreErrorCode.nameTaken,
        });
      expect(await store.list()).toHaveLength(1);
      expect(await redis.hlen(redisKeys(prefix).presetNames)).toBe(1);
    });
  });

  it('keeps the name index in step with renames and deletes', async () => {
    await withRedis(async ({ redis, prefix }) => {
      const keys = redisKeys(prefix);
      const store = new PresetStore(redis, keys);
      const a = await store.create(NTP, 'a');
      await store.replace(a.id, { ...NTP, name: 'ntp2', os_model: 'juniper_junos' }, 'b');
      expect(Object.keys(await redis.hgetall(keys.presetNames))).toEqual(['juniper_junos\nntp2']);
      expect(await store.replace('missing', NTP, 'b')).toBeUndefined();
      expect(await store.delete(a.id)).toBe(true);
      expect(await store.delete(a.id)).toBe(false);
      expect(await redis.exists(keys.presetNames, keys.presets)).toBe(0);
    });
  });
});
