import { startFleet, type SimDevice, type SimFleet } from '@fleetpush/device-sim';
import { deviceKey } from '@fleetpush/domain';
import { installLeakCheck } from '@fleetpush/testing';
import { miniDeviceTarget, startMiniDevice } from './__test-support__/mini-device';
import { simTarget } from './__test-support__/sim-target';
import { SshError } from './errors';
import { MemoryHostKeyStore } from './host-key';
import { openSession } from './open-session';

installLeakCheck();

let fleet: SimFleet;
let dev: SimDevice;

beforeAll(async () => {
  fleet = await startFleet({ devices: [{ platform: 'arista_eos' }] });
  dev = fleet.devices[0] as SimDevice;
});
afterAll(async () => fleet.close());

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const e = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  return e instanceof SshError ? e.code : `not an SshError: ${String(e)}`;
}

describe('host keys', () => {
  it('reports the OpenSSH fingerprint and accepts a pinned match', async () => {
    const session = await openSession(
      simTarget(dev, { hostKey: { policy: 'strict', pinned: dev.hostKeyFingerprint() } }),
    );
    expect(session.hostKeyFingerprint).toBe(dev.hostKeyFingerprint());
    expect(session.hostKeyFingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    await session.close();
  });

  it('refuses a pinned mismatch before any credential is sent', async () => {
    const mini = await startMiniDevice();
    try {
      const code = await codeOf(
        openSession(
          miniDeviceTarget(mini, {
            hostKey: {
              policy: 'accept',
              pinned: 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
            },
          }),
        ),
      );
      expect(code).toBe('host_key_mismatch');
      expect(mini.authAttempts).toEqual([]);
    } finally {
      await mini.close();
    }
  });

  it('refuses an unpinned key under strict, before any credential is sent', async () => {
    const mini = await startMiniDevice();
    try {
      const code = await codeOf(
        openSession(miniDeviceTarget(mini, { hostKey: { policy: 'strict' } })),
      );
      expect(code).toBe('host_key_unknown');
      expect(mini.authAttempts).toEqual([]);
    } finally {
      await mini.close();
    }
  });

  it('TOFU records the first key, accepts it again, and refuses it after rotation', async () => {
    const store = new MemoryHostKeyStore();
    const target = simTarget(dev, { hostKey: { policy: 'tofu', store } });
    const first = await openSession(target);
    await first.close();
    expect(await store.get(deviceKey(dev.host, dev.port))).toBe(dev.hostKeyFingerprint());
    const again = await openSession(target);
    await again.close();
    dev.rotateHostKey();
    const e = await openSession(target).then(
      () => undefined,
      (err: unknown) => err as SshError,
    );
    expect(e?.code).toBe('host_key_mismatch');
    expect(e?.retryable).toBe(false);
    // The record is not overwritten by the rotated key.
    expect(await store.get(deviceKey(dev.host, dev.port))).not.toBe(dev.hostKeyFingerprint());
  });

  it('TOFU fails closed when the store fails', async () => {
    const broken = {
      get: () => Promise.reject(new Error('redis down')),
      set: () => Promise.resolve(),
    };
    expect(
      await codeOf(openSession(simTarget(dev, { hostKey: { policy: 'tofu', store: broken } }))),
    ).toBe('host_key_unknown');
  });
});
