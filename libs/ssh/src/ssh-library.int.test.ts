/**
 * The SSH library as fleetpush installs it: ssh2 with patches/ssh2+1.17.0.patch (X25519 keys
 * and ed25519/RSA verification keys through JWK, pooled padding bytes). Both ends of most tests
 * run that same code, so a mistake made symmetrically would go unnoticed there: these tests
 * put an independent implementation (OpenSSH's client) on the other end, and check that a
 * forged key-exchange signature is still refused.
 */
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { utils, type ParsedKey, type ServerHostKeyAlgorithm } from 'ssh2';
import { installLeakCheck } from '@fleetpush/testing';
import {
  miniDeviceTarget,
  startMiniDevice,
  testHostKey,
  type MiniDevice,
} from './__test-support__/mini-device';
import { SshError } from './errors';
import { generateKeyPair, type KeyPairType } from './key-pair';
import { openSession } from './open-session';

installLeakCheck();

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'fleetpush-ssh-library-'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

function parsed(privateKey: string): ParsedKey {
  const key = utils.parseKey(privateKey);
  if (key instanceof Error) throw key;
  return key;
}

/** Writes an OpenSSH private key file as `ssh -i` wants it (mode 0600). */
async function keyFile(name: string, privateKey: string): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, privateKey);
  await chmod(file, 0o600);
  return file;
}

/** Runs OpenSSH's client against the device: a shell fed `input`, publickey auth only. */
function openSshShell(
  device: MiniDevice,
  identity: string,
  options: readonly string[],
  input: string,
): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((resolve) => {
    const child = execFile(
      'ssh',
      [
        '-F',
        'none',
        '-T',
        '-p',
        String(device.port),
        '-i',
        identity,
        '-o',
        'IdentitiesOnly=yes',
        '-o',
        'BatchMode=yes',
        '-o',
        'PreferredAuthentications=publickey',
        '-o',
        'StrictHostKeyChecking=no',
        '-o',
        'UserKnownHostsFile=/dev/null',
        '-o',
        'LogLevel=ERROR',
        ...options.flatMap((o) => ['-o', o]),
        'admin@127.0.0.1',
      ],
      { timeout: 20_000 },
      (error, stdout, stderr) =>
        resolve({ stdout, stderr, code: error ? Number(error.code ?? 1) : 0 }),
    );
    child.stdin?.end(input);
  });
}

describe('ssh2 as installed, against OpenSSH', () => {
  const cases: ReadonlyArray<{ userKey: KeyPairType; kex: string; hostKeyAlgorithm: string }> = [
    { userKey: 'ed25519', kex: 'curve25519-sha256', hostKeyAlgorithm: 'ssh-ed25519' },
    { userKey: 'rsa', kex: 'curve25519-sha256@libssh.org', hostKeyAlgorithm: 'ssh-ed25519' },
  ];

  it.each(cases)(
    "OpenSSH's client completes $kex, signs in with an $userKey key and runs a command",
    async ({ userKey, kex, hostKeyAlgorithm }) => {
      const pair = generateKeyPair(userKey, userKey === 'rsa' ? { bits: 2048 } : {});
      const device = await startMiniDevice({ authorizedKey: parsed(pair.private) });
      try {
        const result = await openSshShell(
          device,
          await keyFile(`id_${userKey}`, pair.private),
          [
            `KexAlgorithms=${kex}`,
            `HostKeyAlgorithms=${hostKeyAlgorithm}`,
            'Ciphers=aes128-gcm@openssh.com',
            ...(userKey === 'rsa' ? ['PubkeyAcceptedAlgorithms=rsa-sha2-256'] : []),
          ],
          'show version\nexit\n',
        );
        expect(result.stderr).toBe('');
        expect(result.code).toBe(0);
        expect(result.stdout).toContain('show version');
        expect(result.stdout).toMatch(/R1#/);
        // the server verified the user's signature (the patched verify) before letting it in
        expect(device.authAttempts).toContain('publickey');
        expect(device.received).toContain('show version');
      } finally {
        await device.close();
      }
    },
  );

  it("refuses OpenSSH's client when its key is not the authorized one", async () => {
    const authorized = generateKeyPair('ed25519');
    const other = generateKeyPair('ed25519');
    const device = await startMiniDevice({ authorizedKey: parsed(authorized.private) });
    try {
      const result = await openSshShell(
        device,
        await keyFile('id_other', other.private),
        [],
        'show version\n',
      );
      expect(result.code).not.toBe(0);
      expect(result.stderr).toMatch(/Permission denied/);
      expect(device.received).toEqual([]);
    } finally {
      await device.close();
    }
  });
});

describe('a forged key-exchange signature', () => {
  /** A host key that presents `shown`'s public key but signs with `signer`. */
  function forgedHostKey(shown: string, signer: string): ParsedKey {
    const shownKey = parsed(shown);
    const signerKey = parsed(signer);
    return Object.create(shownKey, {
      sign: { value: (data: Buffer, algo?: string) => signerKey.sign(data, algo) },
    }) as ParsedKey;
  }

  const keyTypes: ReadonlyArray<{ type: KeyPairType; algorithm: ServerHostKeyAlgorithm }> = [
    { type: 'ed25519', algorithm: 'ssh-ed25519' },
    { type: 'rsa', algorithm: 'rsa-sha2-256' },
  ];

  it.each(keyTypes)(
    'is refused before login ($algorithm host key)',
    async ({ type, algorithm }) => {
      const options = type === 'rsa' ? { bits: 2048 } : {};
      const shown = generateKeyPair(type, options).private;
      const device = await startMiniDevice({
        hostKey: forgedHostKey(shown, generateKeyPair(type, options).private),
        algorithms: { serverHostKey: [algorithm] },
      });
      try {
        const error = await openSession(miniDeviceTarget(device)).then(
          async (session) => {
            await session.close();
            return undefined;
          },
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(SshError);
        expect((error as SshError).message).toMatch(/signature/i);
        expect(device.authAttempts).toEqual([]);
      } finally {
        await device.close();
      }
    },
  );

  it.each(keyTypes)(
    'and the same host signing honestly is accepted ($algorithm host key)',
    async ({ type, algorithm }) => {
      const key =
        type === 'ed25519' ? testHostKey() : generateKeyPair(type, { bits: 2048 }).private;
      const device = await startMiniDevice({
        hostKey: forgedHostKey(key, key),
        algorithms: { serverHostKey: [algorithm] },
      });
      try {
        const session = await openSession(miniDeviceTarget(device));
        expect(session.hostKeyFingerprint).toBe(device.hostKeyFingerprint());
        await session.close();
      } finally {
        await device.close();
      }
    },
  );
});
