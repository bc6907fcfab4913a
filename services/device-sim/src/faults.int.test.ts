import { createHash } from 'node:crypto';
import { installLeakCheck, waitUntil } from '@fleetpush/testing';
import { openShell, type Shell } from './__fixtures__/shell-client';
import { startFleet, type SimFleet } from './sim-fleet';

installLeakCheck();

const PROMPT = /R\d+(\(config[^)]*\))?[>#]$/;

describe('fault knobs', () => {
  let fleet: SimFleet;
  let shell: Shell | undefined;

  beforeEach(async () => {
    fleet = await startFleet({ devices: 2 });
  });
  afterEach(async () => {
    await shell?.close();
    shell = undefined;
    await fleet.close();
  });

  it('commandLatencyMs delays every answer', async () => {
    fleet.device(0).setFaults({ commandLatencyMs: 150 });
    shell = await openShell(fleet.device(0));
    await shell.waitFor(PROMPT);
    const started = Date.now();
    await shell.run('show clock', PROMPT);
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
  });

  it('hangOnCommand echoes the line and never answers', async () => {
    fleet.device(0).setFaults({ hangOnCommand: '^show run' });
    shell = await openShell(fleet.device(0));
    await shell.waitFor(PROMPT);
    shell.send('show running-config\n');
    await shell.waitFor(/show running-config\r\n$/);
    await expect(shell.waitFor(PROMPT, 300)).rejects.toThrow(/not met/);
  });

  it('dropAfterCommands closes the connection when command N+1 arrives', async () => {
    const device = fleet.device(0);
    device.setFaults({ dropAfterCommands: 2 });
    shell = await openShell(device);
    await shell.waitFor(PROMPT);
    await shell.run('configure terminal', PROMPT);
    await shell.run('ntp server 10.1.1.1', PROMPT);
    shell.send('ntp server 10.2.2.2\n');
    await waitUntil(() => shell?.closed, { description: 'connection dropped' });
    expect(device.ledger.count('ntp server 10.1.1.1')).toBe(1);
    expect(device.ledger.count('ntp server 10.2.2.2')).toBe(0);
    await waitUntil(() => device.activeSessions() === 0);
  });

  it('authFailures refuses the first N logins, then accepts', async () => {
    const device = fleet.device(0);
    device.setFaults({ authFailures: 1 });
    await expect(openShell(device)).rejects.toThrow(/authentication/i);
    shell = await openShell(device);
    expect(await shell.waitFor(PROMPT)).toContain('R1#');
  });

  it('rejectCommand answers matching lines with the platform error', async () => {
    const device = fleet.device(0);
    device.setFaults({ rejectCommand: 'snmp-server' });
    shell = await openShell(device);
    await shell.waitFor(PROMPT);
    await shell.run('configure terminal', PROMPT);
    expect(await shell.run('snmp-server community x RO', PROMPT)).toContain(
      "% Invalid input detected at '^' marker.",
    );
    expect(device.ledger.isUntouched()).toBe(true);
  });

  it('bannerDelayMs holds back the banner and the first prompt', async () => {
    fleet.device(0).setFaults({ bannerDelayMs: 200 });
    const started = Date.now();
    shell = await openShell(fleet.device(0));
    await shell.waitFor(PROMPT);
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
  });

  it('rotateHostKey changes the fingerprint clients see; other devices keep the fleet key', async () => {
    const device = fleet.device(0);
    const before = device.hostKeyFingerprint();
    expect(fleet.device(1).hostKeyFingerprint()).toBe(before);
    device.rotateHostKey();
    expect(device.hostKeyFingerprint()).not.toBe(before);
    let seen = '';
    shell = await openShell(device, {
      hostVerifier: (key: Buffer) => {
        seen = key.toString('base64');
        return true;
      },
    });
    const digest = createHash('sha256').update(Buffer.from(seen, 'base64')).digest('base64');
    expect(`SHA256:${digest.replace(/=+$/, '')}`).toBe(device.hostKeyFingerprint());
  });

  it('legacyOnly refuses modern clients and accepts legacy algorithms', async () => {
    const device = fleet.device(0);
    device.setFaults({ legacyOnly: true });
    await expect(
      openShell(device, {
        algorithms: { kex: ['curve25519-sha256'], cipher: ['aes128-gcm@openssh.com'] },
      }),
    ).rejects.toThrow();
    shell = await openShell(device, {
      algorithms: {
        kex: ['diffie-hellman-group14-sha1'],
        cipher: ['aes128-cbc'],
        serverHostKey: ['ssh-rsa'],
        hmac: ['hmac-sha1'],
      },
    });
    expect(await shell.waitFor(PROMPT)).toContain('R1#');
  });
});
