import { installLeakCheck } from '@fleetpush/testing';
import { deviceRow, withApi, type ApiHarness } from './__fixtures__/api-harness';
import { importRows, postJob } from './__fixtures__/job-helpers';

installLeakCheck();

const PREVIEW = '/api/v1/jobs/preview';

/** Every key under the test's prefix with its type, to prove a preview wrote nothing. */
async function keysUnder(h: ApiHarness): Promise<string[]> {
  return (await h.redis.redis.keys(`${h.redis.prefix}:*`)).sort();
}

/** A CSV cell holding JSON, quoted as CSV wants it. */
const json = (value: object): string => `"${JSON.stringify(value).replaceAll('"', '""')}"`;

/**
 * Four devices: `loopback` from host_vars (missing on .3), `syslog` from host_vars except on
 * .4, where the job's unsafe global value applies.
 */
const FLEET = [
  deviceRow('10.0.0.1', { host_vars: json({ loopback: '10.255.0.1', syslog: '10.1.1.1' }) }),
  deviceRow('10.0.0.2', {
    host_vars: json({ loopback: '10.255.0.2', syslog: '10.1.1.1' }),
    prod: 'true',
  }),
  deviceRow('10.0.0.3', { host_vars: json({ syslog: '10.1.1.1' }) }),
  deviceRow('10.0.0.4', { host_vars: json({ loopback: '10.255.0.4' }) }),
];

describe('POST /jobs/preview', () => {
  it('renders every device, lists unresolved and unsafe variables, prod devices and the plan; stores nothing', async () => {
    await withApi(async (h) => {
      await importRows(h, FLEET);
      const before = await keysUnder(h);
      const res = await postJob(
        h,
        {
          commands: [
            'logging host {{syslog}}',
            'interface Loopback0',
            ' ip address {{loopback}} 255.255.255.255',
          ],
          global_vars: { syslog: '10.1.1.1\nreload' },
          verify_commands: ['show ip interface brief | include {{loopback}}'],
          strategy: { waves: [1, '100%'], concurrency: 2 },
        },
        'operator',
        PREVIEW,
      );
      expect(res.status).toBe(200);
      expect(res.body.ok).toBe(false);
      expect(res.body.needs_role).toBe('admin');
      expect(res.body.prod_devices).toEqual(['10.0.0.2:22']);
      expect(res.body.plan).toEqual({
        canary: '10.0.0.1:22',
        waves: [1, 2],
        concurrency: 2,
        stagger_ms: 0,
        limits: [],
      });
      const devices = res.body.devices as {
        key: string;
        canary: boolean;
        commands: string[] | null;
        verify: string[] | null;
        unresolved: string[];
        unsafe: string[];
      }[];
      expect(devices.map((d) => [d.key, d.canary, d.unresolved, d.unsafe])).toEqual([
        ['10.0.0.1:22', true, [], []],
        ['10.0.0.2:22', false, [], []],
        ['10.0.0.3:22', false, ['loopback'], []],
        ['10.0.0.4:22', false, [], ['syslog']],
      ]);
      expect(devices[1]).toMatchObject({
        commands: [
          'logging host 10.1.1.1',
          'interface Loopback0',
          ' ip address 10.255.0.2 255.255.255.255',
        ],
        verify: ['show ip interface brief | include 10.255.0.2'],
      });
      expect(devices[2]!.commands).toBeNull();
      expect(res.text).not.toContain('reload');
      expect(res.text).not.toContain('pw-10.0.0');
      const paths = res.body.problems.map((p: { path: string; message: string }) => p.path);
      expect(paths).toEqual(expect.arrayContaining(['confirm_prod', 'commands', 'global_vars']));
      // Nothing was stored: no job, no event, no queue entry.
      expect(await keysUnder(h)).toEqual(before);
      expect((await h.deps.queue.depth()).waiting).toBe(0);
    });
  });

  it('says ok for a submission POST /jobs would accept, with the same plan', async () => {
    await withApi(async (h) => {
      await importRows(h, [deviceRow('10.0.0.1'), deviceRow('10.0.0.2'), deviceRow('10.0.0.3')]);
      const res = await postJob(h, { canary: '10.0.0.2:22' }, 'operator', PREVIEW);
      expect(res.body).toMatchObject({
        ok: true,
        problems: [],
        prod_devices: [],
        needs_role: 'operator',
        plan: { canary: '10.0.0.2:22', waves: [2] },
      });
      expect(res.body.devices.map((d: { commands: string[] }) => d.commands)).toEqual([
        ['ntp server 10.9.9.9'],
        ['ntp server 10.9.9.9'],
        ['ntp server 10.9.9.9'],
      ]);
      const jobs = await h.http().get('/api/v1/jobs').set('Authorization', h.auth('viewer'));
      expect(jobs.body.total).toBe(0);
    });
  });

  it('answers 400 naming the field for a body POST /jobs would reject, and lists unknown targets', async () => {
    await withApi(async (h) => {
      await importRows(h, [deviceRow('10.0.0.1')]);
      const bad = await postJob(h, { strategy: { concurrency: 0 } }, 'operator', PREVIEW);
      expect(bad.status).toBe(400);
      expect(bad.body.error.details).toEqual([
        expect.objectContaining({ path: 'strategy.concurrency' }),
      ]);
      const unknown = await postJob(h, { targets: ['10.9.9.9:22'] }, 'operator', PREVIEW);
      expect(unknown.status).toBe(200);
      expect(unknown.body).toMatchObject({ ok: false, devices: [], plan: null });
      expect(unknown.body.problems).toEqual([expect.objectContaining({ path: 'targets[0]' })]);
    });
  });

  it('says what each group limit covers; POST /jobs refuses a bad one naming it and stores nothing', async () => {
    await withApi(async (h) => {
      await importRows(h, [
        deviceRow('10.0.0.1', { site: 'ams', tags: 'core' }),
        deviceRow('10.0.0.2', { site: 'ams', tags: 'core' }),
        deviceRow('10.0.0.3', { site: 'fra' }),
        deviceRow('10.0.0.4', { host_vars: json({ site: 'lon' }) }),
      ]);
      const limits = [
        { tag: 'core', concurrency: 1 },
        { per: 'site', concurrency: 1 },
        { tag: 'cor', concurrency: 1 },
      ];
      const res = await postJob(h, { strategy: { limits } }, 'operator', PREVIEW);
      expect(res.body.ok).toBe(true);
      expect(res.body.plan.limits).toEqual([
        { rule: 'tag core', concurrency: 1, groups: 1, devices: 2 },
        { rule: 'per site', concurrency: 1, groups: 3, devices: 4 },
        { rule: 'tag cor', concurrency: 1, groups: 0, devices: 0 },
      ]);
      const bad = await postJob(h, { strategy: { limits: [{ tag: 'core', concurrency: 0 }] } });
      expect(bad.status).toBe(400);
      expect(bad.body.error.details).toEqual([
        expect.objectContaining({ path: 'strategy.limits[0].concurrency' }),
      ]);
      const jobs = await h.http().get('/api/v1/jobs').set('Authorization', h.auth('viewer'));
      expect(jobs.body.total).toBe(0);
    });
  });
});
