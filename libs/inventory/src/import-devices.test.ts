import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { chunkedStream } from './__fixtures__/csv-model';
import { ImportReadError, ImportTooLargeError } from './errors';
import { importDevices, type ImportDevicesOptions } from './import-devices';
import { devicesToStore, HEADER_PROBLEM, type ImportResult } from './import-result';
import { SecretBox } from './secret-box';

const box = new SecretBox(randomBytes(32));
const HEADER = 'host,port,device_type,username,password';

function run(csv: string, options: Partial<ImportDevicesOptions> = {}): Promise<ImportResult> {
  return importDevices(csv, { secrets: box, ...options });
}

/** Rejected rows as `line column: message` strings, the way an operator reads them. */
function problems(result: ImportResult): string[] {
  return result.rejected.flatMap((r) =>
    r.problems.map((p) => `${r.line} ${p.column}: ${p.message}`),
  );
}

describe('importDevices: CSV syntax', () => {
  it('strips a BOM and reads CRLF and CR line endings like LF', async () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      const csv = `\uFEFF${HEADER}${eol}r1.example.net,22,cisco_ios,admin,pw${eol}r2.example.net,,eos,admin,pw${eol}`;
      const result = await run(csv);
      expect(result.rejected).toEqual([]);
      expect(result.devices.map((d) => d.key)).toEqual(['r1.example.net:22', 'r2.example.net:22']);
    }
  });

  it('skips blank lines and rows of empty cells, counting them in line numbers', async () => {
    const csv = `${HEADER}\n\nr1,22,cisco_ios,admin,pw\n,,,,\n   \nr2,x,cisco_ios,admin,pw\n\n`;
    const result = await run(csv);
    expect(result.total).toBe(2);
    expect(result.devices).toHaveLength(1);
    expect(problems(result)).toEqual(['6 port: must be an integer 1-65535, got "x"']);
  });

  it('skips # comment lines anywhere, even with a stray quote in them', async () => {
    const csv = `# exported 2024-01-01, "by ops\n${HEADER}\n# r0 is gone\nr1,22,cisco_ios,admin,pw\n#r2,22,cisco_ios,admin,pw\nr3,bad,cisco_ios,admin,pw\n`;
    const result = await run(csv);
    expect(result.devices.map((d) => d.key)).toEqual(['r1:22']);
    expect(problems(result)).toEqual(['6 port: must be an integer 1-65535, got "bad"']);
  });

  it('reads header names trimmed and in any case', async () => {
    const result = await run(' Host , PORT ,Device_Type,UserName , Password\nr1,22,ios,admin,pw\n');
    expect(result.devices[0]).toMatchObject({
      key: 'r1:22',
      device_type: 'cisco_ios',
      username: 'admin',
    });
  });

  it('reads quoted cells with commas, doubled quotes and line breaks, keeping line numbers', async () => {
    const csv = [
      `${HEADER},name,verify_cmds`,
      'r1,22,cisco_ios,admin,"p,w""x",core 1,"show run | i ntp; show clock"',
      'r2,22,cisco_ios,admin,pw,"two',
      'lines",',
      'r3,bad,cisco_ios,admin,pw,,',
    ].join('\r\n');
    const result = await run(csv);
    expect(result.devices[0]).toMatchObject({
      name: 'core 1',
      verify_commands: ['show run | i ntp', 'show clock'],
    });
    expect(box.open(result.devices[0]!.password_sealed!, 'r1:22')).toBe('p,w"x');
    expect(problems(result)).toEqual([
      '3 name: the name contains LF (U+000A) at position 4; values sent to a device must be one line without control characters',
      '5 port: must be an integer 1-65535, got "bad"',
    ]);
  });

  it('ignores cells beyond the header and treats missing trailing cells as empty', async () => {
    const result = await run(
      `${HEADER},name\nr1,22,cisco_ios,admin,pw,edge,extra,more\nr2,22,cisco_ios,admin,pw\n`,
    );
    expect(result.rejected).toEqual([]);
    expect(result.devices.map((d) => d.name)).toEqual(['edge', undefined]);
  });

  it('reports an unclosed quote on the row where it opens', async () => {
    const result = await run(
      `${HEADER},name\nr1,22,cisco_ios,admin,pw,ok\nr2,22,cisco_ios,admin,pw,"open\nr3,22,cisco_ios,admin,pw,x\n`,
    );
    expect(result.devices.map((d) => d.key)).toEqual(['r1:22']);
    expect(result.rejected).toHaveLength(1);
    expect(result.rejected[0]!.line).toBe(3);
    expect(result.rejected[0]!.problems[0]!.message).toMatch(/never closed/);
  });
});

describe('importDevices: rows', () => {
  it('accepts IPv6 hosts with and without brackets and keys them bracketed', async () => {
    const result = await run(
      `${HEADER}\n[2001:DB8::1],22,linux,root,pw\n2001:db8::2,2222,linux,root,pw\n::ffff:192.0.2.1,,linux,root,pw\n`,
    );
    expect(result.rejected).toEqual([]);
    expect(result.devices.map((d) => [d.key, d.host])).toEqual([
      ['[2001:db8::1]:22', '2001:DB8::1'],
      ['[2001:db8::2]:2222', '2001:db8::2'],
      ['[::ffff:192.0.2.1]:22', '::ffff:192.0.2.1'],
    ]);
  });

  it('rejects malformed IPv6 literals', async () => {
    const result = await run(
      `${HEADER}\n2001:db8::1::2,22,linux,root,pw\n[:::],22,linux,root,pw\n`,
    );
    expect(problems(result)).toEqual([
      '2 host: must be an IPv4/IPv6 address or a DNS name',
      '3 host: must be an IPv4/IPv6 address or a DNS name',
    ]);
  });

  it('rejects both rows of a duplicate, each naming the other line (host case, brackets, default port)', async () => {
    const csv = `${HEADER}\nR1.example.net,,ios,a,pw\nr2,22,ios,a,pw\nr1.EXAMPLE.net,22,ios,a,pw\n[2001:db8::1],22,linux,a,pw\n2001:DB8::1,22,linux,a,pw\n2001:db8::1,23,linux,a,pw\n`;
    const result = await run(csv);
    expect(result.devices.map((d) => d.key)).toEqual(['r2:22', '[2001:db8::1]:23']);
    expect(problems(result)).toEqual([
      '2 host: duplicate device r1.example.net:22: also on line 4',
      '4 host: duplicate device r1.example.net:22: also on line 2',
      '5 host: duplicate device [2001:db8::1]:22: also on line 6',
      '6 host: duplicate device [2001:db8::1]:22: also on line 5',
    ]);
  });

  it('names every other line when a device appears three times, even on otherwise bad rows', async () => {
    const result = await run(`${HEADER}\nr1,22,ios,a,pw\nr1,22,toaster,a,pw\nr1,22,ios,a,pw\n`);
    expect(result.devices).toEqual([]);
    expect(problems(result)).toEqual([
      '2 host: duplicate device r1:22: also on lines 3, 4',
      '3 device_type: unknown device_type "toaster"; expected one of cisco_ios, cisco_xe, cisco_nxos, cisco_xr, arista_eos, juniper_junos, frr, linux',
      '3 host: duplicate device r1:22: also on lines 2, 4',
      '4 host: duplicate device r1:22: also on lines 2, 3',
    ]);
  });

  it('rejects bad ports, unknown device types and invalid host_vars, naming line and column', async () => {
    const csv = [
      `${HEADER},host_vars`,
      'r1,0,ios,a,pw,',
      'r2,65536,ios,a,pw,',
      'r3,22.0,ios,a,pw,',
      'r4,22,toaster,a,pw,',
      'r5,22,ios,a,pw,{"vlan":',
      'r6,22,ios,a,pw,"[1,2]"',
      'r7,22,ios,a,pw,"{""a-b"":1}"',
    ].join('\n');
    expect(problems(await run(csv))).toEqual([
      '2 port: must be an integer 1-65535, got "0"',
      '3 port: must be an integer 1-65535, got "65536"',
      '4 port: must be an integer 1-65535, got "22.0"',
      '5 device_type: unknown device_type "toaster"; expected one of cisco_ios, cisco_xe, cisco_nxos, cisco_xr, arista_eos, juniper_junos, frr, linux',
      '6 host_vars: must be a JSON object, e.g. {"vlan":"10"}',
      '7 host_vars: must be a JSON object, not an array or a scalar',
      '8 host_vars: key "a-b" is not an identifier',
    ]);
  });

  it('keeps identifier extra columns as variables, never secrets, blanks or odd names', async () => {
    const csv = `${HEADER},Site,rack-id,enable_password,snmp_community,api_token,loopback0,empty\nr1,22,ios,a,pw, ams ,7,en,pub,tok,10.0.0.1,\n`;
    const [device] = (await run(csv)).devices;
    expect(device!.vars).toEqual({ site: 'ams', loopback0: '10.0.0.1' });
    expect(JSON.stringify(device)).not.toMatch(/"(en|pub|tok)"/);
  });

  it('seals password and enable secret with the device key as context', async () => {
    const [device] = (await run(`${HEADER},secret\n[2001:db8::1],22,ios,a, p w ,en4ble\n`)).devices;
    expect(box.open(device!.password_sealed!, '[2001:db8::1]:22')).toBe(' p w ');
    expect(box.open(device!.enable_secret_sealed!, '[2001:db8::1]:22')).toBe('en4ble');
    expect(() => box.open(device!.password_sealed!, 'r1:22')).toThrow();
  });

  it('reads an `enable_secret` column as the enable secret; both columns at once is a header problem', async () => {
    const [device] = (await run(`${HEADER},Enable_Secret\nr1,22,ios,a,pw,en4ble\n`)).devices;
    expect(box.open(device!.enable_secret_sealed!, 'r1:22')).toBe('en4ble');
    expect(device!.vars).toEqual({});
    const both = await run(`${HEADER},secret,enable_secret\nr1,22,ios,a,pw,x,y\n`);
    expect(problems(both).join('\n')).toMatch(/column "secret" appears more than once/);
  });

  it('accepts a credential profile instead of username and password', async () => {
    const [device] = (await run('host,device_type,credential\nr1,junos,core-ro\n')).devices;
    expect(device).toMatchObject({
      key: 'r1:22',
      credential: 'core-ro',
      device_type: 'juniper_junos',
    });
    expect(device!.password_sealed).toBeUndefined();
  });

  it('redacts secrets in rejected rows and in messages that would echo them', async () => {
    const csv = `${HEADER},secret,snmp_secret,name\nr1,22,hunter22,a,hunter22,s3cr3t!,c0mmunity,my s3cr3t! box\n`;
    const result = await run(csv);
    expect(result.rejected[0]!.row).toEqual({
      host: 'r1',
      port: '22',
      device_type: '[redacted]',
      username: 'a',
      password: '[redacted]',
      secret: '[redacted]',
      snmp_secret: '[redacted]',
      name: 'my [redacted] box',
    });
    expect(problems(result)).toEqual([
      '2 device_type: unknown device_type "[redacted]"; expected one of cisco_ios, cisco_xe, cisco_nxos, cisco_xr, arista_eos, juniper_junos, frr, linux',
    ]);
  });

  it('rejects verify commands, variables and host_vars values that are not single lines', async () => {
    const csv = `${HEADER},verify_cmds,host_vars,site\nr1,22,ios,a,pw,"show a;show\tb","{""x"":""1\\n2""}","a\nb"\n`;
    expect(problems(await run(csv))).toEqual([
      '2 verify_cmds: command 2 contains TAB (U+0009) at position 5; values sent to a device must be one line without control characters',
      '2 host_vars: "x" contains LF (U+000A) at position 2; values sent to a device must be one line without control characters',
      '2 site: the value contains LF (U+000A) at position 2; values sent to a device must be one line without control characters',
    ]);
  });

  it('undoes the export’s formula neutralisation, except in secret cells', async () => {
    const csv = `${HEADER},name,site\nr1,22,ios,a,'-pw,'=SUM(A1),'''@x\n`;
    const [device] = (await run(csv)).devices;
    expect(device).toMatchObject({ name: '=SUM(A1)', vars: { site: "''@x" } });
    expect(box.open(device!.password_sealed!, 'r1:22')).toBe("'-pw");
  });
});

describe('importDevices: header', () => {
  it('reports every missing required column once, on the header line, and imports nothing', async () => {
    const result = await run('hostname,port,type\nr1,22,ios\n');
    expect(result).toEqual({
      devices: [],
      total: 0,
      rejected: [
        {
          line: 1,
          row: {},
          problems: [
            {
              column: HEADER_PROBLEM,
              message: 'the header is missing required column(s): host, device_type',
            },
          ],
        },
      ],
    });
  });

  it('says so when a spreadsheet saved the file with semicolons', async () => {
    expect(problems(await run('host;port;device_type\nr1;22;ios\n'))).toEqual([
      '1 (header): the header is missing required column(s): host, device_type (cells seem to be separated by ";": save the file with commas)',
    ]);
  });

  it('numbers the header by its physical line after comments', async () => {
    const result = await run('# inventory\n\nhost,port\n');
    expect(problems(result)).toEqual([
      '3 (header): the header is missing required column(s): device_type',
    ]);
  });

  it('rejects a repeated column', async () => {
    const result = await run('host,device_type,Host\nr1,ios,r2\n');
    expect(problems(result)).toEqual([
      '1 (header): column "host" appears more than once (columns 1 and 3)',
    ]);
  });

  it('rejects an empty file on line 1', async () => {
    for (const csv of ['', '\uFEFF', '\n\n', '# only a comment\n']) {
      expect(problems(await run(csv))).toEqual([
        '1 (header): the CSV is empty: a header row (host,device_type,…) is required',
      ]);
    }
  });
});

describe('importDevices: limits and modes', () => {
  const rows = (n: number): string =>
    [HEADER, ...Array.from({ length: n }, (_, i) => `r${i},22,ios,a,pw`)].join('\n');

  it('stops with too_large past the row limit, counting data rows only', async () => {
    await expect(run(`${rows(3)}\n\n# c\n`, { maxRows: 3 })).resolves.toMatchObject({ total: 3 });
    const error = await run(rows(4), { maxRows: 3 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportTooLargeError);
    expect(error).toMatchObject({ code: 'too_large', limit: 'rows', max: 3 });
    const stream = chunkedStream(rows(500), [100]);
    await expect(importDevices(stream, { secrets: box, maxRows: 3 })).rejects.toMatchObject({
      code: 'too_large',
      limit: 'rows',
    });
    expect(stream.destroyed).toBe(true);
  });

  it('stops with too_large past the byte limit, for strings and streams', async () => {
    const csv = rows(50);
    const bytes = Buffer.byteLength(csv);
    await expect(run(csv, { maxBytes: bytes })).resolves.toMatchObject({ total: 50 });
    await expect(run(csv, { maxBytes: bytes - 1 })).rejects.toMatchObject({
      code: 'too_large',
      limit: 'bytes',
    });
    const stream = chunkedStream(csv, [7]);
    await expect(
      importDevices(stream, { secrets: box, maxBytes: bytes - 1 }),
    ).rejects.toBeInstanceOf(ImportTooLargeError);
    expect(stream.destroyed).toBe(true);
  });

  it('reports progress every N rows and at the end', async () => {
    const seen: number[] = [];
    await run(rows(25), { progressEvery: 10, onProgress: (n) => seen.push(n) });
    expect(seen).toEqual([10, 20, 25]);
  });

  it('stores nothing when a row is rejected unless partial', async () => {
    const result = await run(`${HEADER}\nr1,22,ios,a,pw\nr2,x,ios,a,pw\n`);
    expect(devicesToStore(result)).toEqual([]);
    expect(devicesToStore(result, true).map((d) => d.key)).toEqual(['r1:22']);
    const clean = await run(`${HEADER}\nr1,22,ios,a,pw\n`);
    expect(devicesToStore(clean)).toHaveLength(1);
  });
});

describe('importDevices: streams', () => {
  it('gives the same rows and lines for a stream cut anywhere, multi-byte characters included', async () => {
    const csv = `\uFEFF${HEADER},name\r\nr1,22,ios,a,pw,Zürich 日本 😀\r\n\r\nr2,x,ios,a,pw,"a\r\nb"\r\nr3,22,ios,a,pw,ok\r`;
    const fromString = await run(csv);
    for (const size of [1, 2, 3, 5, 64]) {
      const fromStream = await importDevices(chunkedStream(csv, [size]), { secrets: box });
      expect(problems(fromStream)).toEqual(problems(fromString));
      expect(fromStream.devices.map((d) => [d.key, d.name])).toEqual([
        ['r1:22', 'Zürich 日本 😀'],
        ['r3:22', 'ok'],
      ]);
    }
  });

  it('fails with unreadable when the stream breaks', async () => {
    const broken = new Readable({
      read() {
        this.push(`${HEADER}\nr1,22,ios,a,pw\n`);
        this.destroy(new Error('socket hang up'));
      },
    });
    const error = await importDevices(broken, { secrets: box }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportReadError);
    expect(error).toMatchObject({ code: 'unreadable' });
  });

  it('stops reading after a header problem', async () => {
    let pulled = 0;
    const endless = new Readable({
      read() {
        pulled += 1;
        this.push(pulled === 1 ? 'name,port\n' : 'x,1\n'.repeat(1000));
      },
    });
    const result = await importDevices(endless, { secrets: box });
    expect(result.rejected[0]!.problems[0]!.column).toBe(HEADER_PROBLEM);
    expect(endless.destroyed).toBe(true);
  });
});
