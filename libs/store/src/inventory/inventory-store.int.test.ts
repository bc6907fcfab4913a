import type { NewDevice } from '@fleetpush/contracts';
import { installLeakCheck, withRedis, type TestRedis } from '@fleetpush/testing';
import { redisKeys } from '../redis-keys';
import { newDevice } from './__fixtures__/new-device';
import { toDeviceView } from './device-view';
import { InventoryStoreError, InventoryStoreErrorCode } from './errors';
import { InventoryStore } from './inventory-store';

installLeakCheck();

const T1 = new Date('2024-01-01T00:00:00.000Z');
const T2 = new Date('2024-02-01T00:00:00.000Z');

function fleet(prefix: string, n: number, extra: Partial<NewDevice> = {}): NewDevice[] {
  return Array.from({ length: n }, (_, i) => newDevice(`${prefix}${i}.example.net`, extra));
}

/** A store whose clock the test sets. */
function clockedStore(redis: TestRedis) {
  let now = T1;
  const store = new InventoryStore(redis.redis, redisKeys(redis.prefix), { now: () => now });
  return { store, setNow: (d: Date) => (now = d) };
}

describe('InventoryStore', () => {
  it('replaces the inventory, keeps the import order and reads devices back by any key spelling', async () => {
    await withRedis(async (ctx) => {
      const { store } = clockedStore(ctx);
      expect(await store.replaceAll(fleet('old', 3))).toEqual({
        created: 3,
        updated: 0,
        removed: 0,
      });
      const devices = [
        newDevice('r2.example.net'),
        newDevice('R1.example.net', { key: 'r1.example.net:22' }),
        { ...newDevice('2001:db8::1'), key: '[2001:db8::1]:22' },
      ];
      expect(await store.replaceAll(devices)).toEqual({ created: 3, updated: 0, removed: 3 });
      expect(
        await store.replaceAll([devices[0]!, newDevice('r3.example.net'), ...devices.slice(1)]),
      ).toEqual({
        created: 1,
        updated: 3,
        removed: 0,
      });
      expect(await store.replaceAll(devices)).toEqual({ created: 0, updated: 3, removed: 1 });
      expect((await store.all()).map((d) => d.key)).toEqual([
        'r2.example.net:22',
        'r1.example.net:22',
        '[2001:db8::1]:22',
      ]);
      expect(await store.count()).toBe(3);
      expect(await store.get('R1.EXAMPLE.NET:22')).toMatchObject({
        host: 'R1.example.net',
        created_at: T1.toISOString(),
        updated_at: T1.toISOString(),
      });
      expect(await store.get('[2001:DB8::1]:22')).toMatchObject({ key: '[2001:db8::1]:22' });
      expect(await store.get('old0.example.net:22')).toBeUndefined();
      expect(await store.get('not a key')).toBeUndefined();
      expect(await store.replaceAll([])).toEqual({ created: 0, updated: 0, removed: 3 });
      expect(await store.count()).toBe(0);
      expect(await store.all()).toEqual([]);
    });
  });

  it('leaves no staging keys behind and refuses a write with a duplicate key, changing nothing', async () => {
    await withRedis(async (ctx) => {
      const { store } = clockedStore(ctx);
      await store.replaceAll(fleet('a', 2500));
      const [, keys] = await ctx.redis.scan('0', 'MATCH', `${ctx.prefix}*`, 'COUNT', 1000);
      expect(keys.sort()).toEqual(
        [redisKeys(ctx.prefix).inventory.devices, redisKeys(ctx.prefix).inventory.order].sort(),
      );
      const dup = [newDevice('x.example.net'), newDevice('x.example.net')];
      const error = await store.replaceAll(dup).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InventoryStoreError);
      expect(error).toMatchObject({
        code: InventoryStoreErrorCode.duplicateDevice,
        subject: 'x.example.net:22',
      });
      await expect(store.merge(dup)).rejects.toMatchObject({
        code: InventoryStoreErrorCode.duplicateDevice,
      });
      expect(await store.count()).toBe(2500);
    });
  });

  it('is atomic for readers: a concurrent reader sees the old or the new inventory, never a mix', async () => {
    await withRedis(async (ctx) => {
      const writer = new InventoryStore(ctx.redis, redisKeys(ctx.prefix));
      const readerClient = ctx.redis.duplicate();
      const reader = new InventoryStore(readerClient, redisKeys(ctx.prefix));
      try {
        const a = fleet('a', 1200, { tags: ['a'] });
        const b = fleet('b', 1700, { tags: ['b'] });
        const signature = (keys: string[]) => keys.join(',');
        const allowed = new Set([signature(a.map((d) => d.key)), signature(b.map((d) => d.key))]);
        await writer.replaceAll(a);
        let writing = true;
        const seen = new Map<string, number>();
        const observe = async () => {
          while (writing) {
            const [all, page, tagged] = await Promise.all([
              reader.all(),
              reader.list({ limit: 1000, offset: 1000 }),
              reader.list({ tag: 'b', limit: 1 }),
            ]);
            const snapshot = signature(all.map((d) => d.key));
            expect(allowed.has(snapshot)).toBe(true);
            expect(
              page.total === 1200 ? page.items.length === 200 : page.items.length === 700,
            ).toBe(true);
            expect(page.items.every((d) => d.key.startsWith(page.total === 1200 ? 'a' : 'b'))).toBe(
              true,
            );
            expect([0, 1700]).toContain(tagged.total);
            seen.set(snapshot, (seen.get(snapshot) ?? 0) + 1);
          }
        };
        const readers = [observe(), observe()];
        // keep swapping until the readers have caught both inventories (however busy the machine)
        for (let i = 0; i < 4 || (seen.size < 2 && i < 400); i++)
          await writer.replaceAll(i % 2 === 0 ? b : a);
        writing = false;
        await Promise.all(readers);
        expect(seen.size).toBe(2);
      } finally {
        await readerClient.quit();
      }
    });
  });

  it('merges by key: updates keep created_at and position, new devices are appended', async () => {
    await withRedis(async (ctx) => {
      const { store, setNow } = clockedStore(ctx);
      await store.replaceAll([newDevice('a.example.net'), newDevice('b.example.net')]);
      setNow(T2);
      const result = await store.merge([
        newDevice('c.example.net'),
        newDevice('b.example.net', { name: 'renamed', prod: true }),
      ]);
      expect(result).toEqual({ created: 1, updated: 1 });
      const all = await store.all();
      expect(all.map((d) => [d.key, d.created_at, d.updated_at, d.name])).toEqual([
        ['a.example.net:22', T1.toISOString(), T1.toISOString(), undefined],
        ['b.example.net:22', T1.toISOString(), T2.toISOString(), 'renamed'],
        ['c.example.net:22', T2.toISOString(), T2.toISOString(), undefined],
      ]);
      expect(all[1]!.prod).toBe(true);
      await store.delete('a.example.net:22');
      await store.merge([newDevice('a.example.net')]);
      expect((await store.all()).map((d) => d.key)).toEqual([
        'b.example.net:22',
        'c.example.net:22',
        'a.example.net:22',
      ]);
      expect(await store.merge([])).toEqual({ created: 0, updated: 0 });
    });
  });

  it('lists with filters and pagination, counting every match', async () => {
    await withRedis(async (ctx) => {
      const { store } = clockedStore(ctx);
      await store.replaceAll([
        newDevice('core1.ams', { tags: ['core', 'ams'], prod: true, name: 'Core Amsterdam' }),
        newDevice('core2.fra', {
          tags: ['core'],
          prod: true,
          device_type: 'juniper_junos',
          vars: { site: 'Frankfurt' },
        }),
        newDevice('acc1.ams', { tags: ['access', 'ams'] }),
        newDevice('acc2.ams', { tags: ['access', 'ams'], device_type: 'arista_eos' }),
        newDevice('lab1', { device_type: 'linux' }),
      ]);
      const keys = async (query: Parameters<InventoryStore['list']>[0]) => {
        const page = await store.list(query);
        return [page.total, page.items.map((d) => d.host)];
      };
      expect(await keys({})).toEqual([
        5,
        ['core1.ams', 'core2.fra', 'acc1.ams', 'acc2.ams', 'lab1'],
      ]);
      expect(await keys({ offset: 1, limit: 2 })).toEqual([5, ['core2.fra', 'acc1.ams']]);
      expect(await keys({ offset: 9 })).toEqual([5, []]);
      expect(await keys({ tag: 'ams' })).toEqual([3, ['core1.ams', 'acc1.ams', 'acc2.ams']]);
      expect(await keys({ tag: 'ams', offset: 1, limit: 1 })).toEqual([3, ['acc1.ams']]);
      expect(await keys({ prod: true })).toEqual([2, ['core1.ams', 'core2.fra']]);
      expect(await keys({ prod: false, tag: 'ams' })).toEqual([2, ['acc1.ams', 'acc2.ams']]);
      expect(await keys({ device_type: 'cisco_ios' })).toEqual([2, ['core1.ams', 'acc1.ams']]);
      expect(await keys({ text: 'AMSTERDAM' })).toEqual([1, ['core1.ams']]);
      expect(await keys({ text: 'frank' })).toEqual([1, ['core2.fra']]);
      expect(await keys({ text: 'acc' })).toEqual([2, ['acc1.ams', 'acc2.ams']]);
      expect(await keys({ text: 'core', prod: true, device_type: 'juniper_junos' })).toEqual([
        1,
        ['core2.fra'],
      ]);
      expect(await keys({ limit: 0 })).toEqual([5, ['core1.ams']]);
    });
  });

  it('deletes a device from every view of the inventory', async () => {
    await withRedis(async (ctx) => {
      const { store } = clockedStore(ctx);
      await store.replaceAll(fleet('r', 3));
      expect(await store.delete('R1.example.net:22')).toBe(true);
      expect(await store.delete('r1.example.net:22')).toBe(false);
      expect(await store.delete('garbage')).toBe(false);
      expect(await store.get('r1.example.net:22')).toBeUndefined();
      expect(await store.count()).toBe(2);
      expect((await store.list()).items.map((d) => d.key)).toEqual([
        'r0.example.net:22',
        'r2.example.net:22',
      ]);
    });
  });

  it('refuses a damaged record instead of returning it', async () => {
    await withRedis(async (ctx) => {
      const { store } = clockedStore(ctx);
      await store.replaceAll(fleet('r', 2));
      await ctx.redis.hset(
        redisKeys(ctx.prefix).inventory.devices,
        'r1.example.net:22',
        '{"key":"r1.example.net:22"}',
      );
      await expect(store.get('r1.example.net:22')).rejects.toMatchObject({
        code: InventoryStoreErrorCode.corruptRecord,
        subject: 'r1.example.net:22',
      });
      await expect(store.all()).rejects.toBeInstanceOf(InventoryStoreError);
      await expect(store.list()).rejects.toBeInstanceOf(InventoryStoreError);
    });
  });

  it('shows devices without sealed secrets', async () => {
    await withRedis(async (ctx) => {
      const { store } = clockedStore(ctx);
      await store.replaceAll([
        newDevice('r1', { enable_secret_sealed: 'v1:c2VjcmV0' }),
        newDevice('r2', { password_sealed: undefined, credential: 'core' }),
      ]);
      const views = (await store.all()).map((d) => toDeviceView(d));
      expect(views.map((v) => [v.has_password, v.has_enable_secret, v.credential])).toEqual([
        [true, true, undefined],
        [false, false, 'core'],
      ]);
      expect(JSON.stringify(views)).not.toContain('v1:');
    });
  });
});

describe('InventoryStore reachability', () => {
  const check = (login: boolean, at: Date) => ({
    reachable: true,
    login,
    ...(!login && { error_code: 'auth_failed' }),
    checked_at: at.toISOString(),
  });

  it('records checks of present devices only, replaces them, and forgets them with the device', async () => {
    await withRedis(async (ctx) => {
      const { store } = clockedStore(ctx);
      await store.replaceAll(fleet('r', 3));
      const recorded = await store.recordReachability([
        { key: 'r0.example.net:22', reachability: check(true, T1) },
        { key: 'r1.example.net:22', reachability: check(false, T1) },
        { key: 'gone.example.net:22', reachability: check(true, T1) },
      ]);
      expect(recorded).toBe(2);
      expect(await store.reachability('gone.example.net:22')).toBeNull();
      expect(await store.reachability('r2.example.net:22')).toBeNull();
      await store.recordReachability([{ key: 'r1.example.net:22', reachability: check(true, T2) }]);
      expect(await store.reachability('R1.example.net:22')).toEqual(check(true, T2));
      const page = await store.list({ reachability: 'reachable' });
      expect(page.items.map((d) => d.key)).toEqual(['r0.example.net:22', 'r1.example.net:22']);
      expect(page.reachability.get('r1.example.net:22')).toEqual(check(true, T2));
      expect((await store.list({ reachability: 'unchecked' })).total).toBe(1);
      expect((await store.list()).reachability.size).toBe(2);
      await store.delete('r0.example.net:22');
      expect(await store.reachability('r0.example.net:22')).toBeNull();
      await store.replaceAll([]);
      expect(await ctx.redis.exists(redisKeys(ctx.prefix).inventory.reachability)).toBe(0);
    });
  });
});
