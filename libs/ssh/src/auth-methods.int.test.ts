import { utils as sshUtils, type ParsedKey } from 'ssh2';
import { installLeakCheck } from '@fleetpush/testing';
import {
  miniDeviceTarget,
  startMiniDevice,
  type MiniDevice,
  type MiniDeviceOptions,
} from './__test-support__/mini-device';
import { SshError } from './errors';
import { generateKeyPair } from './key-pair';
import { openSession } from './open-session';
import { type SessionAuth, type SessionTarget } from './session-target';

installLeakCheck();

/** Runs `fn` against a fresh device and always closes it (before the leak check runs). */
async function withDevice(
  options: MiniDeviceOptions,
  fn: (d: MiniDevice) => Promise<void>,
): Promise<void> {
  const d = await startMiniDevice(options);
  try {
    await fn(d);
  } finally {
    await d.close();
  }
}

function target(
  d: MiniDevice,
  auth: SessionAuth,
  extra: Partial<SessionTarget> = {},
): SessionTarget {
  return miniDeviceTarget(d, { auth, ...extra });
}

async function errorOf(promise: Promise<unknown>): Promise<SshError> {
  const e = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!(e instanceof SshError)) throw new Error(`expected an SshError, got ${String(e)}`);
  return e;
}

describe('authentication', () => {
  it('answers keyboard-interactive password prompts', async () => {
    await withDevice({ keyboardInteractiveOnly: true }, async (d) => {
      const session = await openSession(target(d, { password: 'secret' }));
      expect(d.authAttempts).toContain('keyboard-interactive');
      await session.close();
    });
  });

  it('logs in with a private key protected by a passphrase', async () => {
    const pair = generateKeyPair('ed25519', {
      passphrase: 'k3y-pass',
      cipher: 'aes256-ctr',
      // Few bcrypt rounds: the test is about the passphrase, not about key stretching.
      rounds: 2,
    });
    const publicKey = sshUtils.parseKey(pair.public) as ParsedKey;
    await withDevice({ authorizedKey: publicKey }, async (d) => {
      const session = await openSession(
        target(d, { privateKey: pair.private, passphrase: 'k3y-pass' }),
      );
      expect(d.authAttempts[0]).toBe('publickey');
      expect(d.authAttempts).not.toContain('password');
      await session.close();
    });
  });

  it('a wrong passphrase is credentials_unavailable, before connecting, without key material', async () => {
    const pair = generateKeyPair('ed25519', {
      passphrase: 'k3y-pass',
      cipher: 'aes256-ctr',
      // Few bcrypt rounds: the test is about the passphrase, not about key stretching.
      rounds: 2,
    });
    await withDevice({}, async (d) => {
      const e = await errorOf(
        openSession(target(d, { privateKey: pair.private, passphrase: 'bad-pass-9' })),
      );
      expect(e.code).toBe('credentials_unavailable');
      expect(e.retryable).toBe(false);
      expect(e.message).not.toContain('bad-pass-9');
      expect(d.authAttempts).toEqual([]);
    });
  });

  it('enters enable mode with the enable secret, which never reaches the transcript', async () => {
    await withDevice({ unprivileged: true, enableSecret: 'En-4ble!' }, async (d) => {
      const session = await openSession(
        target(d, { password: 'secret' }, { enableSecret: 'En-4ble!' }),
      );
      expect(session.prompt).toBe('R1>');
      const [out] = await session.exec(['show lines 1']);
      expect(out?.output).toBe('line 1');
      await session.close();
      expect(d.received).toContain('enable');
      expect(session.transcript().text).toContain('R1#');
      expect(session.transcript().text).not.toContain('En-4ble!');
    });
  });

  it('a wrong enable secret is auth_failed', async () => {
    await withDevice({ unprivileged: true, enableSecret: 'right' }, async (d) => {
      const e = await errorOf(
        openSession(target(d, { password: 'secret' }, { enableSecret: 'wrong' })),
      );
      expect(e.code).toBe('auth_failed');
    });
  });

  it('a wrong password is auth_failed', async () => {
    await withDevice({}, async (d) => {
      const e = await errorOf(openSession(target(d, { password: 'nope' })));
      expect(e.code).toBe('auth_failed');
      expect(e.message).not.toContain('nope');
    });
  });
});
