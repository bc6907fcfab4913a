import { installLeakCheck, waitUntil } from '@fleetpush/testing';
import { openShell, type Shell } from './__fixtures__/shell-client';
import { startFleet, type SimFleet } from './sim-fleet';

installLeakCheck();

const XR = /RP\/0\/RP0\/CPU0:XR1(\(config[^)]*\))?#$/;
const JUNOS = /admin@vmx2[>#] $/;
/** 1 minute (Junos) or 30 s (IOS-XR) become a few milliseconds. */
const FAST = { confirmTimeScale: 0.002 };

describe('candidate platforms', () => {
  let fleet: SimFleet;
  let shell: Shell | undefined;

  beforeEach(async () => {
    fleet = await startFleet({
      devices: [{ platform: 'cisco_xr' }, { platform: 'juniper_junos' }],
      faults: FAST,
    });
  });
  afterEach(async () => {
    await shell?.close();
    shell = undefined;
    await fleet.close();
  });

  it('IOS-XR: lines reach running and the ledger only at commit', async () => {
    const xr = fleet.device(0);
    shell = await openShell(xr);
    await shell.waitFor(XR);
    await shell.run('configure', XR);
    await shell.run('ntp server 10.9.9.9', XR);
    expect(xr.runningConfig()).not.toContain('ntp server 10.9.9.9');
    expect(xr.ledger.isUntouched()).toBe(true);
    expect(await shell.run('commit', XR)).toMatch(
      /^commit\r\n\w{3} \w{3} \d\d \d\d:\d\d:\d\d\.\d{3} UTC\r\n/,
    );
    expect(xr.runningConfig()).toContain('ntp server 10.9.9.9');
    expect(xr.ledger.count('ntp server 10.9.9.9')).toBe(1);
    expect(await shell.run('commit', XR)).toContain('% No configuration changes to commit.');
    // The timestamp line survives output filters, as on a real XR.
    expect(await shell.run('show running-config | include ntp', XR)).toMatch(
      /\r\n\w{3} \w{3} \d\d [\d:.]+ UTC\r\nntp server 10\.9\.9\.9\r\n/,
    );
  });

  it('IOS-XR: a commit with a semantic error fails and applies nothing', async () => {
    const xr = fleet.device(0);
    shell = await openShell(xr);
    await shell.waitFor(XR);
    await shell.run('configure', XR);
    await shell.run('logging host bogus', XR);
    expect(await shell.run('commit', XR)).toContain(
      '% Failed to commit one or more configuration items',
    );
    expect(xr.ledger.isUntouched()).toBe(true);
  });

  it('IOS-XR: commit confirmed rolls back by itself unless confirmed', async () => {
    const xr = fleet.device(0);
    shell = await openShell(xr);
    await shell.waitFor(XR);
    await shell.run('configure', XR);
    await shell.run('ntp server 10.9.9.9', XR);
    await shell.run('commit confirmed 30', XR);
    expect(xr.runningConfig()).toContain('ntp server 10.9.9.9');
    const rollback = await waitUntil(() => xr.ledger.entries().find((e) => e.kind === 'rollback'));
    expect(rollback.reverts).toEqual([xr.ledger.entries()[0]?.changeId]);
    expect(xr.runningConfig()).not.toContain('ntp server 10.9.9.9');
  });

  it('IOS-XR: a plain commit confirms a trial commit', async () => {
    fleet.device(0).setFaults({ confirmTimeScale: 0.02 });
    const xr = fleet.device(0);
    shell = await openShell(xr);
    await shell.waitFor(XR);
    await shell.run('configure', XR);
    await shell.run('ntp server 10.9.9.9', XR);
    await shell.run('commit confirmed 30', XR);
    await shell.run('commit', XR);
    await shell.run('end', XR);
    // 30 s × 0.02 = 600 ms: wait past it, then the change must still be there.
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(xr.runningConfig()).toContain('ntp server 10.9.9.9');
    expect(xr.ledger.entries().every((e) => e.kind === 'apply')).toBe(true);
  });

  it('IOS-XR: leaving config mode with changes asks, and "no" discards them', async () => {
    const xr = fleet.device(0);
    shell = await openShell(xr);
    await shell.waitFor(XR);
    await shell.run('configure', XR);
    await shell.run('ntp server 10.9.9.9', XR);
    expect(await shell.run('end', /\[cancel\]:$/)).toContain(
      'Uncommitted changes found, commit them before exiting(yes/no/cancel)? [cancel]:',
    );
    expect((await shell.run('no', XR)).endsWith('RP/0/RP0/CPU0:XR1#')).toBe(true);
    expect(xr.ledger.isUntouched()).toBe(true);
  });

  it('Junos: commit, commit confirmed with automatic rollback, and the exit warning', async () => {
    const mx = fleet.device(1);
    shell = await openShell(mx);
    await shell.waitFor(JUNOS);
    expect(await shell.run('configure', JUNOS)).toContain(
      'Entering configuration mode\r\n\r\n[edit]\r\nadmin@vmx2# ',
    );
    await shell.run('set system ntp server 10.9.9.9', JUNOS);
    expect(mx.ledger.isUntouched()).toBe(true);
    expect(await shell.run('commit', JUNOS)).toContain('commit complete');
    expect(mx.ledger.count('set system ntp server 10.9.9.9')).toBe(1);
    await shell.run('set system domain-name lab.example', JUNOS);
    expect(await shell.run('commit confirmed 1', JUNOS)).toContain(
      'commit confirmed will be automatically rolled back in 1 minutes unless confirmed',
    );
    await waitUntil(() => mx.ledger.entries().some((e) => e.kind === 'rollback'));
    expect(mx.runningConfig()).not.toContain('domain-name lab.example');
    expect(mx.runningConfig()).toContain('server 10.9.9.9;');
    await shell.run('set system location building-2', JUNOS);
    expect(await shell.run('exit', /\(yes\) $/)).toContain(
      'The configuration has been changed but not committed',
    );
    expect(await shell.run('yes', JUNOS)).toContain('Exiting configuration mode\r\nadmin@vmx2> ');
  });
});
