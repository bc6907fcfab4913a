import fc from 'fast-check';

/** Any UTF-16 code unit, with line breaks and controls made frequent. (`unit: 'binary'` is slow to set up.) */
const anyUnit = fc.oneof(
  fc.constantFrom('\n', '\r', '\t', '\u0000', '\u001b', '\u007f', '\u0085', '\u2028', '\u202e'),
  fc.integer({ min: 0, max: 0xffff }).map((u) => String.fromCharCode(u)),
  fc.string({ minLength: 1, maxLength: 1 }),
);
import { deviceKey } from './device-key';
import { preflightTemplates, type TemplatePreflightDevice } from './template-preflight';
import { buildTemplateScope } from './template-scope';

function makeDevice(
  i: number,
  hostVars: Record<string, string> = {},
  verify?: readonly string[],
): TemplatePreflightDevice {
  const host = `10.0.${Math.floor(i / 250)}.${(i % 250) + 1}`;
  const scope = buildTemplateScope({
    globalVars: { ntp: '192.0.2.1' },
    device: {
      host,
      port: 22,
      deviceType: 'cisco_ios',
      prod: false,
      columns: { site: `s${i % 7}` },
    },
    hostVars,
  });
  return verify === undefined
    ? { deviceKey: deviceKey(host, 22), scope }
    : { deviceKey: deviceKey(host, 22), scope, verify };
}

describe('preflightTemplates', () => {
  it('renders apply and verify commands for every device, in input order', () => {
    const result = preflightTemplates({
      commands: ['ntp server {{ntp}}', 'snmp-server location {{site}}'],
      verify: ['show run | include ntp server {{ntp}}', 'show ip int brief | include {{ip}}'],
      devices: [makeDevice(0), makeDevice(1, { ntp: '198.51.100.7' })],
    });
    expect(result).toEqual({
      ok: true,
      warnings: [],
      rendered: [
        {
          deviceKey: '10.0.0.1:22',
          commands: ['ntp server 192.0.2.1', 'snmp-server location s0'],
          verify: [
            'show run | include ntp server 192.0.2.1',
            'show ip int brief | include 10.0.0.1',
          ],
        },
        {
          deviceKey: '10.0.0.2:22',
          commands: ['ntp server 198.51.100.7', 'snmp-server location s1'],
          verify: [
            'show run | include ntp server 198.51.100.7',
            'show ip int brief | include 10.0.0.2',
          ],
        },
      ],
    });
  });

  it('uses a device’s own verify list when it has one, templated as well', () => {
    const result = preflightTemplates({
      commands: [],
      verify: ['show clock'],
      devices: [makeDevice(0), makeDevice(1, {}, ['show run | section {{site}}'])],
    });
    expect(result.ok && result.rendered.map((r) => r.verify)).toEqual([
      ['show clock'],
      ['show run | section s1'],
    ]);
  });

  it('reports every unresolved variable of every device, not just the first device', () => {
    const result = preflightTemplates({
      commands: ['vlan {{vlan}}', ' name {{vlan_name}}'],
      verify: ['show vlan id {{vlan}}', 'show {{extra}}'],
      devices: [makeDevice(0), makeDevice(1, { vlan: '10' }), makeDevice(2)],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(
      result.problems.map((p) => [p.kind, p.deviceKey, 'variable' in p && p.variable]),
    ).toEqual([
      ['unresolved', '10.0.0.1:22', 'vlan'],
      ['unresolved', '10.0.0.1:22', 'vlan_name'],
      ['unresolved', '10.0.0.1:22', 'extra'],
      ['unresolved', '10.0.0.2:22', 'vlan_name'],
      ['unresolved', '10.0.0.2:22', 'extra'],
      ['unresolved', '10.0.0.3:22', 'vlan'],
      ['unresolved', '10.0.0.3:22', 'vlan_name'],
      ['unresolved', '10.0.0.3:22', 'extra'],
    ]);
    expect(result.problems[0]?.detail).toBe(
      "{{vlan}} (commands line 1) has no value in host_vars, the device's inventory columns or global_vars",
    );
    expect(result.problems[2]?.detail).toContain('(verify line 2)');
  });

  it('refuses values with line breaks or control characters, naming device, variable and source but not the value', () => {
    const result = preflightTemplates({
      commands: ['interface {{ifname}}', ' description {{desc}}'],
      verify: ['show interface {{ifname}}'],
      devices: [
        makeDevice(0, { ifname: 'Gi0/1', desc: 'uplink\r\nreload' }),
        makeDevice(1, { ifname: 'Gi0/1\tsecret-ish', desc: 'ok' }),
      ],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      {
        kind: 'unsafe_value',
        deviceKey: '10.0.0.1:22',
        variable: 'desc',
        detail:
          'the value of {{desc}} from host_vars (commands line 2) contains CR (U+000D) at character 7; line breaks and control characters could smuggle another command to the device',
      },
      expect.objectContaining({
        kind: 'unsafe_value',
        deviceKey: '10.0.0.2:22',
        variable: 'ifname',
      }),
    ]);
    expect(JSON.stringify(result)).not.toContain('reload');
    expect(JSON.stringify(result)).not.toContain('secret-ish');
  });

  it('names global_vars as the source when the job-wide value is unsafe, for every device', () => {
    const devices = [0, 1, 2].map((i) => {
      const d = makeDevice(i);
      const scope = buildTemplateScope({
        globalVars: { banner: 'hi\u0003' },
        device: { host: `h${i}`, port: 22, deviceType: 'linux', prod: false },
      });
      return { ...d, scope };
    });
    const result = preflightTemplates({ commands: ['echo {{banner}}'], devices });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(3);
    expect(result.problems[0]?.detail).toContain('from global_vars');
    expect(result.problems[0]?.detail).toContain('ETX (Ctrl-C) (U+0003)');
  });

  it('ignores unsafe values of variables the templates do not use', () => {
    const result = preflightTemplates({
      commands: ['hostname {{hostname}}'],
      devices: [makeDevice(0, { notes: 'multi\nline' })],
    });
    expect(result.ok).toBe(true);
  });

  it('refuses template lines that carry a control character', () => {
    const result = preflightTemplates({
      commands: ['ok', 'router bgp 65000\rreload'],
      verify: ['show\tbgp'],
      devices: [makeDevice(0, {}, ['show\u0085x'])],
    });
    expect(!result.ok && result.problems).toEqual([
      expect.objectContaining({
        kind: 'unsafe_template',
        part: 'commands',
        line: 2,
        deviceKey: undefined,
      }),
      expect.objectContaining({
        kind: 'unsafe_template',
        part: 'verify',
        line: 1,
        deviceKey: undefined,
      }),
      expect.objectContaining({
        kind: 'unsafe_template',
        part: 'verify',
        line: 1,
        deviceKey: '10.0.0.1:22',
      }),
    ]);
  });

  it('warns once about non-identifier tokens and still renders them literally', () => {
    const result = preflightTemplates({
      commands: ['vlan {{vlan-id}}'],
      devices: [makeDevice(0), makeDevice(1)],
    });
    expect(result).toMatchObject({
      ok: true,
      warnings: [{ kind: 'literal_token', part: 'commands', line: 1, token: '{{vlan-id}}' }],
    });
    expect(result.ok && result.rendered[1]?.commands).toEqual(['vlan {{vlan-id}}']);
  });

  it('refuses the run when any device has a problem, and keeps the line count otherwise (property)', () => {
    const value = fc.string({ unit: anyUnit, maxLength: 8 });
    fc.assert(
      fc.property(
        fc.array(fc.dictionary(fc.constantFrom('a', 'b'), value), { maxLength: 5 }),
        (vars) => {
          const devices = vars.map((hostVars, i) => makeDevice(i, hostVars));
          const commands = ['x {{a}}', '', 'y {{b}} {{a}}'];
          const result = preflightTemplates({ commands, verify: ['show {{b}}'], devices });
          const allGood = vars.every(
            (v) =>
              v.a !== undefined &&
              v.b !== undefined &&
              !/[\p{Cc}\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u.test(v.a + v.b),
          );
          expect(result.ok).toBe(allGood);
          if (result.ok) {
            expect(result.rendered).toHaveLength(devices.length);
            for (const r of result.rendered) expect(r.commands).toHaveLength(commands.length);
          }
        },
      ),
    );
  });

  it('preflights 10,000 devices × 20 lines in one call', () => {
    const commands = Array.from({ length: 20 }, (_, i) => `interface Gi0/${i} {{site}} {{ntp}}`);
    const devices = Array.from({ length: 10_000 }, (_, i) => makeDevice(i));
    const result = preflightTemplates({ commands, verify: ['show run | i {{ntp}}'], devices });
    expect(result.ok && result.rendered).toHaveLength(10_000);
    expect(result.ok && result.rendered[9_999]?.commands).toHaveLength(20);
  });
});
