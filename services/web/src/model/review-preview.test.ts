import type { DeviceView } from '@fleetpush/contracts';
import { groupRenderings, previewDevices } from './review-preview';

function device(host: string, extra: Partial<DeviceView> = {}): DeviceView {
  return {
    key: `${host}:22`,
    host,
    port: 22,
    device_type: 'cisco_ios',
    name: `r-${host}`,
    has_password: true,
    has_enable_secret: false,
    verify_commands: ['show run | i ntp'],
    host_vars: {},
    vars: {},
    prod: false,
    tags: [],
    created_at: '2026-11-26T10:00:00.000Z',
    updated_at: '2026-11-26T10:00:00.000Z',
    ...extra,
  };
}

describe('previewDevices', () => {
  it("renders each device's commands with its own variables, the canary first", () => {
    const out = previewDevices(
      {
        commands: ['hostname {{hostname}}', 'ntp server {{ntp}}'],
        verifyCommands: undefined,
        verifyMode: 'canary',
        globalVars: { ntp: '10.0.0.1' },
      },
      [device('10.0.0.5'), device('10.0.0.6', { host_vars: { ntp: '10.9.9.9' }, prod: true })],
    );
    expect(out[0]).toMatchObject({
      canary: true,
      commands: ['hostname r-10.0.0.5', 'ntp server 10.0.0.1'],
      verify: ['show run | i ntp'],
      problems: [],
    });
    expect(out[1]).toMatchObject({
      canary: false,
      prod: true,
      commands: ['hostname r-10.0.0.6', 'ntp server 10.9.9.9'],
      verify: [],
    });
  });

  it('names the variable a device cannot resolve instead of rendering it', () => {
    const [only] = previewDevices(
      {
        commands: ['snmp location {{site}}'],
        verifyCommands: [],
        verifyMode: 'all',
        globalVars: {},
      },
      [device('10.0.0.5')],
    );
    expect(only!.commands).toEqual([]);
    expect(only!.problems.join(' ')).toContain('site');
  });
});

describe('groupRenderings', () => {
  it('shows identical renderings once, the canary group first, leaving out unrenderable devices', () => {
    const previews = previewDevices(
      {
        commands: ['ntp server {{ntp}}'],
        verifyCommands: [],
        verifyMode: 'all',
        globalVars: { ntp: '10.0.0.1' },
      },
      [
        device('10.0.0.1'),
        device('10.0.0.2', { host_vars: { ntp: '10.9.9.9' } }),
        device('10.0.0.3'),
      ],
    );
    const groups = groupRenderings(previews);
    expect(groups.map((g) => [g.commands, g.devices.map((d) => d.key)])).toEqual([
      [['ntp server 10.0.0.1'], ['10.0.0.1:22', '10.0.0.3:22']],
      [['ntp server 10.9.9.9'], ['10.0.0.2:22']],
    ]);
  });
});
