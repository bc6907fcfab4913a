import { randomBytes } from 'node:crypto';
import type { NewDevice } from '@fleetpush/contracts';
import Papa from 'papaparse';
import { joinVerifyCommands, toCsv } from './devices-to-csv';
import { importDevices } from './import-devices';
import { SecretBox } from './secret-box';

const box = new SecretBox(randomBytes(32));

function device(host: string, extra: Partial<NewDevice> = {}): NewDevice {
  return {
    key: `${host}:22`,
    host,
    port: 22,
    device_type: 'cisco_ios',
    username: 'admin',
    password_sealed: box.seal('hunter2', `${host}:22`),
    enable_secret_sealed: box.seal('en4ble', `${host}:22`),
    verify_commands: [],
    host_vars: {},
    vars: {},
    prod: false,
    tags: [],
    ...extra,
  };
}

function cells(csv: string): string[][] {
  return Papa.parse<string[]>(csv.trimEnd(), { delimiter: ',', newline: '\r\n' }).data;
}

describe('toCsv', () => {
  it('writes the import columns without secrets, then one column per variable', () => {
    const csv = toCsv([
      device('r1', {
        vars: { site: 'ams' },
        tags: ['core', 'ams'],
        prod: true,
        host_vars: { vlan: '10' },
      }),
      device('r2', { vars: { rack: '7', site: 'fra' }, credential: 'core-ro', name: 'edge 2' }),
    ]);
    expect(cells(csv)).toEqual([
      [
        'host',
        'port',
        'device_type',
        'username',
        'name',
        'verify_cmds',
        'host_vars',
        'prod',
        'credential',
        'tags',
        'host_key',
        'site',
        'rack',
      ],
      [
        'r1',
        '22',
        'cisco_ios',
        'admin',
        '',
        '',
        '{"vlan":"10"}',
        'true',
        '',
        'core;ams',
        '',
        'ams',
        '',
      ],
      ['r2', '22', 'cisco_ios', 'admin', 'edge 2', '', '', 'false', 'core-ro', '', '', 'fra', '7'],
    ]);
    expect(csv).not.toMatch(/password|secret|v1:/);
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('neutralises every cell a spreadsheet would run as a formula', () => {
    const csv = toCsv([
      device('r1', {
        name: '=HYPERLINK("http://x","y")',
        username: '+1',
        vars: { a: '-2', b: '@SUM(A1)', c: "'=already", d: 'plain' },
        verify_commands: ['=cmd'],
      }),
    ]);
    const [, row] = cells(csv);
    expect(row).toEqual([
      'r1',
      '22',
      'cisco_ios',
      "'+1",
      '\'=HYPERLINK("http://x","y")',
      "'=cmd",
      '',
      'false',
      '',
      '',
      '',
      "'-2",
      "'@SUM(A1)",
      "''=already",
      'plain',
    ]);
  });

  it('re-imports to the same devices, formulas and semicolons included', async () => {
    const original = [
      device('r1', {
        name: '=cmd|x',
        verify_commands: ['show a; b', 'ends with \\', 'show c'],
        vars: { note: '-1', quote: '"q", \'r\'' },
        credential: 'core',
        host_vars: { x: '1' },
      }),
    ];
    const again = await importDevices(toCsv(original), { secrets: box });
    expect(again.rejected).toEqual([]);
    expect(again.devices).toEqual([
      { ...original[0], password_sealed: undefined, enable_secret_sealed: undefined },
    ]);
  });

  it('writes just the header for an empty inventory', () => {
    expect(toCsv([])).toBe(
      'host,port,device_type,username,name,verify_cmds,host_vars,prod,credential,tags,host_key\r\n',
    );
  });
});

describe('joinVerifyCommands', () => {
  it('escapes semicolons and keeps a trailing backslash from escaping the separator', () => {
    expect(joinVerifyCommands(['show a', 'x;y', 'end\\', 'last'])).toBe(
      'show a; x\\;y; end\\ ; last',
    );
  });
});
