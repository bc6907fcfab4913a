import { installLeakCheck } from '@fleetpush/testing';
import { openShell, type Shell } from '../__fixtures__/shell-client';
import { startFleet, type SimFleet } from '../sim-fleet';

installLeakCheck();

const PROMPT = /\S+(?:\(config[^)]*\))?[>#]$/;

describe('cisco_ios personality over SSH', () => {
  let fleet: SimFleet;
  let shell: Shell | undefined;

  beforeEach(async () => {
    fleet = await startFleet({
      devices: [
        { platform: 'cisco_ios' },
        { platform: 'cisco_ios', hostname: 'EDGE7', enableSecret: 'en-secret' },
      ],
    });
  });

  afterEach(async () => {
    await shell?.close();
    shell = undefined;
    await fleet.close();
  });

  it('shows the banner (with a blank line and # inside) then the privileged prompt', async () => {
    shell = await openShell(fleet.device(0));
    const greeting = await shell.waitFor(PROMPT);
    expect(greeting).toContain('#\r\n\r\n  Disconnect IMMEDIATELY');
    expect(greeting.endsWith('\r\nR1#')).toBe(true);
  });

  it('lands in user EXEC with an enable secret, and enable asks for it', async () => {
    shell = await openShell(fleet.device(1));
    expect((await shell.waitFor(PROMPT)).endsWith('EDGE7>')).toBe(true);
    expect(await shell.run('enable', /Password: $/)).toBe('enable\r\nPassword: ');
    shell.send('wrong\n');
    await shell.waitFor(/Password: $/);
    const after = await shell.run('en-secret', PROMPT);
    expect(after).not.toContain('en-secret');
    expect(after.endsWith('EDGE7#')).toBe(true);
  });

  it('applies config lines: show running-config and the ledger change', async () => {
    const device = fleet.device(0);
    shell = await openShell(device);
    await shell.waitFor(PROMPT);
    await shell.run('terminal length 0', PROMPT);
    const before = await shell.run('show running-config', PROMPT);
    expect(await shell.run('configure terminal', PROMPT)).toContain(
      'Enter configuration commands, one per line.  End with CNTL/Z.\r\nR1(config)#',
    );
    expect((await shell.run('interface Gi0/1', PROMPT)).endsWith('R1(config-if)#')).toBe(true);
    await shell.run('description uplink to core', PROMPT);
    expect((await shell.run('hostname CORE1', PROMPT)).endsWith('CORE1(config)#')).toBe(true);
    await shell.run('ntp server 10.9.9.9', PROMPT);
    await shell.run('end', PROMPT);
    const after = await shell.run('show running-config', PROMPT);

    expect(before).not.toContain('description uplink to core');
    expect(after).toContain('interface GigabitEthernet0/1\r\n description uplink to core\r\n');
    expect(after).toContain('hostname CORE1');
    expect(after).toMatch(/! Last configuration change at .* by admin/);
    expect(device.runningConfig()).toContain('ntp server 10.9.9.9');
    expect(device.ledger.entries().map((e) => [e.line, e.context])).toEqual([
      ['interface Gi0/1', []],
      ['description uplink to core', ['interface Gi0/1']],
      ['hostname CORE1', []],
      ['ntp server 10.9.9.9', []],
    ]);
    expect(device.ledger.count('ntp server 10.9.9.9')).toBe(1);
    expect(fleet.device(1).ledger.isUntouched()).toBe(true);
  });

  it('prints IOS errors with the caret under the bad word', async () => {
    shell = await openShell(fleet.device(0));
    await shell.waitFor(PROMPT);
    expect(await shell.run('show foo', PROMPT)).toBe(
      "show foo\r\n        ^\r\n% Invalid input detected at '^' marker.\r\n\r\nR1#",
    );
    expect(await shell.run('s', PROMPT)).toBe('s\r\n% Ambiguous command:  "s"\r\nR1#');
    await shell.run('conf t', PROMPT);
    expect(await shell.run('interface', PROMPT)).toContain('% Incomplete command.\r\n');
    const caret = `${' '.repeat('R1(config)#logging host '.length)}^`;
    expect(await shell.run('logging host invalid', PROMPT)).toBe(
      `logging host invalid\r\n${caret}\r\n% Invalid input detected at '^' marker.\r\n\r\nR1(config)#`,
    );
    expect(fleet.device(0).ledger.isUntouched()).toBe(true);
  });

  it('pauses long output at --More-- until paging is disabled', async () => {
    shell = await openShell(fleet.device(0));
    await shell.waitFor(PROMPT);
    shell.send('show running-config\n');
    const firstPage = await shell.waitFor(/ --More-- $/);
    // The echoed command, 23 lines (a 24-line screen keeps a row for the marker), the marker.
    expect(firstPage.split('\r\n')).toHaveLength(25);
    shell.send('q');
    await shell.waitFor(PROMPT);
    await shell.run('terminal length 0', PROMPT);
    const full = await shell.run('show running-config', PROMPT);
    expect(full).not.toContain('--More--');
    expect(full).toContain('\r\nend\r\nR1#');
  });

  it('saves with write memory and copy running-config startup-config', async () => {
    shell = await openShell(fleet.device(0));
    await shell.waitFor(PROMPT);
    expect(await shell.run('write memory', PROMPT)).toBe(
      'write memory\r\nBuilding configuration...\r\n[OK]\r\nR1#',
    );
    expect(await shell.run('copy running-config startup-config', /\? $/)).toContain(
      'Destination filename [startup-config]? ',
    );
    expect(await shell.run('', PROMPT)).toContain('[OK]\r\nR1#');
  });

  it('show startup-config prints the saved config: a change shows only after a save', async () => {
    shell = await openShell(fleet.device(0));
    await shell.waitFor(PROMPT);
    await shell.run('terminal length 0', PROMPT);
    await shell.run('configure terminal', PROMPT);
    await shell.run('ntp server 10.9.9.9', PROMPT);
    await shell.run('end', PROMPT);
    const unsaved = await shell.run('show startup-config', PROMPT);
    expect(unsaved).toMatch(/^show startup-config\r\nUsing \d+ out of 262144 bytes\r\n!/);
    expect(unsaved).toContain('\r\nhostname R1\r\n');
    expect(unsaved).not.toContain('ntp server 10.9.9.9');
    expect(unsaved).toContain('\r\nend\r\nR1#');
    await shell.run('write memory', PROMPT);
    expect(await shell.run('show startup-config', PROMPT)).toContain('\r\nntp server 10.9.9.9\r\n');
  });

  it('refuses show startup-config in user EXEC', async () => {
    shell = await openShell(fleet.device(1));
    await shell.waitFor(PROMPT);
    const refused = await shell.run('show startup-config', PROMPT);
    expect(refused).toContain('% Invalid input detected at');
    expect(refused).not.toContain('hostname');
  });
});
