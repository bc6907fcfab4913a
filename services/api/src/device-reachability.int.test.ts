import { deviceViewSchema, devicePageSchema } from '@fleetpush/contracts';
import { startFleet } from '@fleetpush/device-sim';
import { freePort, installLeakCheck } from '@fleetpush/testing';
import { csvOf, deviceRow, withApi, type ApiHarness } from './__fixtures__/api-harness';
import { importCsv } from './__fixtures__/job-helpers';

installLeakCheck();

/** The keys `GET /devices` lists under a query, parsed with the client's response schema. */
async function listed(h: ApiHarness, query: string): Promise<string[]> {
  const res = await h.http().get(`/api/v1/devices${query}`).set('Authorization', h.auth('viewer'));
  expect(res.status).toBe(200);
  return devicePageSchema.parse(res.body).items.map((d) => d.key);
}

describe('device reachability (recorded by validate=connect, filterable)', () => {
  it('records each check, shows it per device, filters on it and forgets removed devices', async () => {
    const fleet = await startFleet({
      devices: [
        { platform: 'cisco_ios' },
        { platform: 'cisco_ios', faults: { authFailures: Infinity } },
      ],
    });
    try {
      await withApi(async (h) => {
        const [ok, refusing] = fleet.devices;
        const closedPort = await freePort();
        const closed = `127.0.0.1:${closedPort}`;
        const csv = `${fleet.toCsv()}127.0.0.1,${closedPort},cisco_ios,netops,pw,closed,false,\n`;
        expect((await importCsv(h, csv, '?validate=connect')).status).toBe(200);
        // A device merged in without a check stays unchecked.
        const merged = await importCsv(h, csvOf([deviceRow('10.9.9.9')]), '?mode=merge');
        expect(merged.status).toBe(200);

        const all = await h.http().get('/api/v1/devices').set('Authorization', h.auth('viewer'));
        const items = devicePageSchema.parse(all.body).items;
        const byKey = new Map(items.map((d) => [d.key, deviceViewSchema.strict().parse(d)]));
        expect(byKey.get(ok!.key)?.reachability).toEqual({
          reachable: true,
          login: true,
          checked_at: expect.any(String),
        });
        expect(byKey.get(refusing!.key)?.reachability).toMatchObject({
          reachable: true,
          login: false,
          error_code: 'auth_failed',
        });
        expect(byKey.get(closed)?.reachability).toMatchObject({
          reachable: false,
          login: false,
          error_code: 'connection_refused',
        });
        expect(byKey.get('10.9.9.9:22')?.reachability).toBeNull();
        for (const device of fleet.devices) expect(all.text).not.toContain(device.password);
        expect(all.text).not.toContain('"pw"');

        expect(await listed(h, '?reachability=reachable')).toEqual([ok!.key]);
        expect(await listed(h, '?reachability=login_failed')).toEqual([refusing!.key]);
        expect(await listed(h, '?reachability=unreachable')).toEqual([closed]);
        expect(await listed(h, '?reachability=unchecked')).toEqual(['10.9.9.9:22']);
        expect(await listed(h, '?reachability=login_failed&device_type=linux')).toEqual([]);

        const one = await h
          .http()
          .get(`/api/v1/devices/${encodeURIComponent(refusing!.key)}`)
          .set('Authorization', h.auth('viewer'));
        expect(one.body.reachability).toMatchObject({ login: false, error_code: 'auth_failed' });

        // Deleted with the device.
        const deleted = await h
          .http()
          .delete(`/api/v1/devices/${encodeURIComponent(closed)}`)
          .set('Authorization', h.auth('operator'));
        expect(deleted.status).toBe(204);
        expect(await listed(h, '?reachability=unreachable')).toEqual([]);

        // A replace import keeps the checks of devices still present and drops the others.
        const replaced = await importCsv(h, fleet.toCsv().split('\n').slice(0, 2).join('\n'));
        expect(replaced.status).toBe(200);
        expect(await listed(h, '')).toEqual([ok!.key]);
        expect(await listed(h, '?reachability=reachable')).toEqual([ok!.key]);
        const stored = await h.redis.redis.hkeys(`${h.redis.prefix}:{inventory}:reachability`);
        expect(stored).toEqual([ok!.key]);
      });
    } finally {
      await fleet.close();
    }
  });

  it('replaces a device’s check when it is checked again', async () => {
    const fleet = await startFleet({ devices: 1, platforms: ['cisco_ios'] });
    try {
      await withApi(async (h) => {
        const device = fleet.devices[0]!;
        // First checked with a wrong password: the login fails.
        const wrong = fleet.toCsv().replace(`,${device.password},`, ',not-the-password,');
        expect(wrong).not.toBe(fleet.toCsv());
        expect((await importCsv(h, wrong, '?validate=connect')).status).toBe(200);
        expect(await listed(h, '?reachability=login_failed')).toEqual([device.key]);
        const first = await h.deps.inventory.reachability(device.key);
        expect(first).toMatchObject({ reachable: true, login: false, error_code: 'auth_failed' });
        expect((await importCsv(h, fleet.toCsv(), '?validate=connect')).status).toBe(200);
        expect(await listed(h, '?reachability=login_failed')).toEqual([]);
        expect(await listed(h, '?reachability=reachable')).toEqual([device.key]);
        expect(await h.deps.inventory.reachability(device.key)).not.toHaveProperty('error_code');
      });
    } finally {
      await fleet.close();
    }
  });

  it('refuses an unknown reachability filter with 400 naming the field', async () => {
    await withApi(async (h) => {
      const res = await h
        .http()
        .get('/api/v1/devices?reachability=maybe')
        .set('Authorization', h.auth('viewer'));
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(JSON.stringify(res.body.error.details)).toContain('reachability');
    });
  });
});
