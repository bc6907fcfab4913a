import type { Platform } from '@fleetpush/domain';
import { installLeakCheck, waitUntil } from '@fleetpush/testing';
import { Client } from 'ssh2';
import { openShell, type Shell } from '../__fixtures__/shell-client';
import { startFleet, type SimFleet } from '../sim-fleet';

installLeakCheck();

/** What each personality must show, and a config change in its own syntax. */
interface Case {
  readonly platform: Platform;
  readonly prompt: RegExp;
  readonly firstPrompt: string;
  readonly noPaging: string;
  readonly enter: string[];
  readonly change: string[];
  readonly leave: string[];
  readonly show: string;
  readonly expectInConfig: string;
  readonly badCommand: string;
  readonly errorText: string;
}

const ESC = String.fromCharCode(27);
/** Ubuntu's colour prompt (or the sudo password question). */
const LINUX_PROMPT = new RegExp(`admin@host1${ESC}\\[00m:${ESC}\\[01;34m~${ESC}\\[00m\\$ $|: $`);

const CASES: Case[] = [
  {
    platform: 'cisco_xe',
    prompt: /XE1(\(config[^)]*\))?#$/,
    firstPrompt: 'XE1#',
    noPaging: 'terminal length 0',
    enter: ['configure terminal'],
    change: ['interface GigabitEthernet2', 'description to-core'],
    leave: ['end'],
    show: 'show running-config',
    expectInConfig: 'interface GigabitEthernet2\r\n description to-core',
    badCommand: 'show foo',
    errorText: "% Invalid input detected at '^' marker.",
  },
  {
    platform: 'cisco_nxos',
    prompt: /switch1(\(config[^)]*\))?#$/,
    firstPrompt: 'switch1#',
    noPaging: 'terminal length 0',
    enter: ['configure terminal'],
    change: ['interface Ethernet1/2', 'description to-spine'],
    leave: ['end'],
    show: 'show running-config',
    expectInConfig: 'interface Ethernet1/2\r\n  description to-spine',
    badCommand: 'show foo',
    errorText: "% Invalid command at '^' marker.",
  },
  {
    platform: 'arista_eos',
    prompt: /EOS1(\(config[^)]*\))?#$/,
    firstPrompt: 'EOS1#',
    noPaging: 'terminal length 0',
    enter: ['configure'],
    change: ['interface Ethernet2', 'description to-leaf'],
    leave: ['end'],
    show: 'show running-config',
    expectInConfig: 'interface Ethernet2\r\n   description to-leaf',
    badCommand: 'show foo',
    errorText: '% Invalid input',
  },
  {
    platform: 'frr',
    prompt: /frr1(\(config[^)]*\))?#$/,
    firstPrompt: 'frr1#',
    noPaging: 'terminal length 0',
    enter: ['configure terminal'],
    change: ['interface eth1', 'description to-tor'],
    leave: ['end'],
    show: 'show running-config',
    expectInConfig: 'interface eth1\r\n description to-tor\r\nexit',
    badCommand: 'show foo',
    errorText: '% Unknown command: show foo',
  },
  {
    platform: 'cisco_xr',
    prompt: /RP\/0\/RP0\/CPU0:XR1(\(config[^)]*\))?#$/,
    firstPrompt: 'RP/0/RP0/CPU0:XR1#',
    noPaging: 'terminal length 0',
    enter: ['configure'],
    change: ['interface GigabitEthernet0/0/0/1', 'description to-pe', 'commit'],
    leave: ['end'],
    show: 'show running-config',
    expectInConfig: 'interface GigabitEthernet0/0/0/1\r\n description to-pe',
    badCommand: 'show foo',
    errorText: "% Invalid input detected at '^' marker.",
  },
  {
    platform: 'juniper_junos',
    prompt: /admin@vmx1[>#] $/,
    firstPrompt: 'admin@vmx1> ',
    noPaging: 'set cli screen-length 0',
    enter: ['configure'],
    change: ['set interfaces ge-0/0/1 description to-mx', 'commit'],
    leave: ['exit'],
    show: 'show configuration interfaces',
    expectInConfig: 'ge-0/0/1 {\r\n    description to-mx;',
    badCommand: 'show foo',
    errorText: 'syntax error, expecting <command>.',
  },
  {
    platform: 'linux',
    prompt: LINUX_PROMPT,
    firstPrompt: '$ ',
    noPaging: 'true',
    enter: [],
    change: ['sudo sysctl -w net.ipv4.ip_forward=1', 'secret'],
    leave: [],
    show: 'sysctl net.ipv4.ip_forward',
    expectInConfig: 'net.ipv4.ip_forward = 1',
    badCommand: 'show running-config',
    errorText: 'bash: show: command not found',
  },
];

describe.each(CASES)('$platform personality over SSH', (c) => {
  let fleet: SimFleet;
  let shell: Shell | undefined;

  beforeEach(async () => {
    fleet = await startFleet({ devices: [{ platform: c.platform }] });
  });
  afterEach(async () => {
    await shell?.close();
    shell = undefined;
    await fleet.close();
  });

  it('logs in and shows its prompt', async () => {
    shell = await openShell(fleet.device(0));
    expect((await shell.waitFor(c.prompt)).endsWith(c.firstPrompt)).toBe(true);
  });

  it('applies a change that show and the ledger both reflect', async () => {
    const device = fleet.device(0);
    shell = await openShell(device);
    await shell.waitFor(c.prompt);
    await shell.run(c.noPaging, c.prompt);
    const before = await shell.run(c.show, c.prompt);
    for (const line of [...c.enter, ...c.change, ...c.leave]) await shell.run(line, c.prompt);
    const after = await shell.run(c.show, c.prompt);
    expect(before).not.toContain(c.expectInConfig);
    expect(after).toContain(c.expectInConfig);
    const applied = c.change.filter((l) => !['commit', 'secret'].includes(l));
    for (const line of applied) expect(device.ledger.count(line.replace(/^sudo /, ''))).toBe(1);
  });

  it("prints the platform's error for a bad command and changes nothing", async () => {
    shell = await openShell(fleet.device(0));
    await shell.waitFor(c.prompt);
    expect(await shell.run(c.badCommand, c.prompt)).toContain(c.errorText);
    expect(fleet.device(0).ledger.isUntouched()).toBe(true);
  });
});

describe('paging', () => {
  it.each([
    ['cisco_nxos', / --More-- $/],
    ['arista_eos', / --More-- $/],
    ['cisco_xr', / --More-- $/],
    ['juniper_junos', /---\(more \d+%\)---$/],
  ] as const)('%s pauses show output until a space', async (platform, marker) => {
    const fleet = await startFleet({ devices: [{ platform }] });
    const shell = await openShell(fleet.device(0));
    try {
      await shell.waitFor(/[>#] ?$/);
      shell.send(platform === 'juniper_junos' ? 'show configuration\n' : 'show running-config\n');
      await shell.waitFor(marker);
      shell.send(' ');
      await shell.waitFor(/\n(\S+)?[^\n]*$/);
    } finally {
      await shell.close();
      await fleet.close();
    }
  });
});

describe('exec channels', () => {
  it('linux runs one command without a pty: bare LF and the exit status', async () => {
    const fleet = await startFleet({ devices: [{ platform: 'linux' }] });
    const device = fleet.device(0);
    const client = new Client();
    try {
      await new Promise<void>((resolve, reject) => {
        client.once('ready', resolve).once('error', reject);
        client.connect({
          host: device.host,
          port: device.port,
          username: device.username,
          password: device.password,
        });
      });
      const run = (command: string) =>
        new Promise<{ text: string; code: number }>((resolve, reject) => {
          client.exec(command, (err, channel) => {
            if (err) return reject(err);
            let text = '';
            let code = -1;
            channel.on('data', (d: Buffer) => (text += d.toString()));
            channel.on('exit', (c: number) => (code = c));
            channel.on('close', () => resolve({ text, code }));
          });
        });
      expect(await run('sysctl net.ipv4.ip_forward')).toEqual({
        text: 'net.ipv4.ip_forward = 0\n',
        code: 0,
      });
      expect(await run('show version')).toEqual({
        text: 'bash: show: command not found\n',
        code: 127,
      });
    } finally {
      client.end();
      await waitUntil(() => device.activeSessions() === 0);
      await fleet.close();
    }
  });
});
