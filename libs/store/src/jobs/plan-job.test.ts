import { jobSubmissionSchema, type StoredDevice } from '@fleetpush/contracts';
import { planJob } from './plan-job';

function device(i: number, extra: Partial<StoredDevice> = {}): StoredDevice {
  return {
    key: `10.0.0.${i}:22`,
    host: `10.0.0.${i}`,
    port: 22,
    device_type: 'cisco_ios',
    name: `r${i}`,
    username: 'admin',
    password_sealed: 'v1:sealed',
    verify_commands: ['show run | i ntp'],
    host_vars: {},
    vars: { site: i % 2 === 0 ? 'ams' : 'fra' },
    prod: false,
    tags: i <= 2 ? ['core'] : ['edge'],
    created_at: '2026-11-26T00:00:00.000Z',
    updated_at: '2026-11-26T00:00:00.000Z',
    ...extra,
  };
}

const inventory = [1, 2, 3, 4, 5].map((i) => device(i));

function plan(body: Record<string, unknown>, inv: StoredDevice[] = inventory) {
  const submission = jobSubmissionSchema.parse({
    name: 'ntp',
    commands: ['ntp server {{ntp}}'],
    global_vars: { ntp: '10.9.9.9' },
    ...body,
  });
  return planJob({ id: 'j1', actor: 'op', now: new Date(0), submission, inventory: inv });
}

describe('planJob', () => {
  it('resolves selectors in order of first mention, canary first, and renders per device', () => {
    const r = plan({ targets: ['tag:edge', '10.0.0.1:22', 'all'], canary: '10.0.0.4:22' });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.value.job.devices.map((d) => d.key)).toEqual([
      '10.0.0.4:22',
      '10.0.0.3:22',
      '10.0.0.5:22',
      '10.0.0.1:22',
      '10.0.0.2:22',
    ]);
    expect(r.value.job.plan).toEqual({ canary: 0, waves: [[1, 2, 3, 4]] });
    expect(r.value.job.devices[0]!.task).toMatchObject({
      isCanary: true,
      commands: ['ntp server 10.9.9.9'],
      verify: ['show run | i ntp'],
    });
    expect(r.value.job.budget).toEqual({ stopOnError: true });
  });

  it('names every unknown target, a canary outside the targets and every unresolved variable', () => {
    const r = plan({
      targets: ['10.0.0.9:22', 'tag:nope', '10.0.0.1:22'],
      canary: '10.0.0.2:22',
      commands: ['hostname {{hostname}}-{{missing}}'],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.path)).toEqual(['targets[0]', 'targets[1]', 'canary']);
    const r2 = plan({ targets: ['all'], commands: ['snmp-server location {{site}} {{rack}}'] });
    expect(r2.ok).toBe(false);
    if (r2.ok) return;
    // one problem for the variable missing on every device, not one per device
    expect(r2.problems).toEqual([
      {
        path: 'commands',
        message: expect.stringMatching(
          /^5 devices \(10\.0\.0\.1:22, 10\.0\.0\.2:22, 10\.0\.0\.3:22, 10\.0\.0\.4:22, 10\.0\.0\.5:22\): \{\{rack\}\} \(commands line 1\) has no value/,
        ),
      },
    ]);
  });

  it('states a problem shared by a large fleet once, naming the first devices and the count', () => {
    const fleet = Array.from({ length: 12 }, (_, i) =>
      device(i + 1, {
        username: undefined,
        ...(i === 3 ? { host_vars: { rack: 'r4' } } : {}),
      }),
    );
    const r = plan({ targets: ['all'], commands: ['snmp-server location {{rack}}'] }, fleet);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const named = '10.0.0.1:22, 10.0.0.2:22, 10.0.0.3:22, 10.0.0.4:22, 10.0.0.5:22 and 7 more';
    const without4 = '10.0.0.1:22, 10.0.0.2:22, 10.0.0.3:22, 10.0.0.5:22, 10.0.0.6:22 and 6 more';
    expect(r.problems.map((p) => p.message)).toEqual([
      `12 devices (${named}) have no username and password in the inventory`,
      expect.stringMatching(new RegExp(`^11 devices \\(${without4}\\): \\{\\{rack\\}\\}`)),
    ]);
  });

  it('refuses values that would smuggle a second line, naming the device', () => {
    const inv = [device(1), device(2, { host_vars: { desc: 'uplink\nreload' } })];
    const r = plan(
      { targets: ['all'], commands: ['description {{desc}}'], global_vars: { desc: 'x' } },
      inv,
    );
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.problems).toEqual([
        expect.objectContaining({ message: expect.stringContaining('10.0.0.2:22') }),
      ]);
  });

  it('needs confirm_prod for production devices', () => {
    const inv = [device(1), device(2, { prod: true })];
    const refused = plan({ targets: ['all'] }, inv);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.problems[0]).toMatchObject({ path: 'confirm_prod' });
    const accepted = plan({ targets: ['all'], confirm_prod: true }, inv);
    expect(accepted.ok && accepted.value.prodDevices).toEqual(['10.0.0.2:22']);
  });

  it('honours command_scope=canary and verify_mode', () => {
    const scoped = plan({ targets: ['all'], command_scope: 'canary' });
    expect(scoped.ok && scoped.value.job.devices.map((d) => d.key)).toEqual(['10.0.0.1:22']);
    const canaryOnly = plan({
      targets: ['all'],
      verify_mode: 'canary',
      verify_commands: ['show clock'],
    });
    if (!canaryOnly.ok) throw new Error('planned');
    const verify = canaryOnly.value.job.devices.map((d) => (d.task as { verify: string[] }).verify);
    expect(verify).toEqual([['show clock'], [], [], [], []]);
  });

  it('turns the strategy into waves and a per-wave budget', () => {
    const r = plan({
      targets: ['all'],
      strategy: { waves: [1, '50%'], concurrency: 2, max_failure_pct: 50 },
    });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.value.job.plan.waves).toEqual([[1], [2, 3], [4]]);
    expect(r.value.job.budget).toEqual({ maxFailures: undefined, maxFailurePct: 50 });
  });

  it('groups the devices under the limits: by tag, and by a variable as templates resolve it', () => {
    const inv = [...inventory.slice(0, 4), device(5, { host_vars: { site: 'lon' } })];
    const r = plan(
      {
        targets: ['all'],
        strategy: {
          limits: [
            { tag: 'core', concurrency: 1 },
            { per: 'site', concurrency: 2 },
            { per: 'rack', concurrency: 1 },
          ],
        },
      },
      inv,
    );
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    // devices in plan order: r1 (canary) … r5; r1, r3 at fra, r2, r4 at ams, r5's host_vars say lon
    expect(r.value.job.groups).toEqual({
      caps: [1, 2, 2, 2],
      names: ['tag core', 'site=fra', 'site=ams', 'site=lon'],
      ofDevice: [[1, 2], [1, 3], [2], [3], [4]],
    });
    const none = plan({
      targets: ['all'],
      strategy: { limits: [{ per: 'rack', concurrency: 1 }] },
    });
    expect(none.ok && none.value.job.groups).toBeUndefined();
  });
});
