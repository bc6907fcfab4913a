import { createHash } from 'node:crypto';
import { FailureCode } from '@fleetpush/domain';
import { fingerprintOf, MemoryHostKeyStore, sameFingerprint, verifyHostKey } from './host-key';

const blob = Buffer.from(
  'AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl',
  'base64',
);
const fp = fingerprintOf(blob);

describe('host keys', () => {
  it('fingerprints like OpenSSH: SHA256: + unpadded base64 of the blob digest', () => {
    const digest = createHash('sha256').update(blob).digest('base64');
    expect(fp).toBe(`SHA256:${digest.replace(/=+$/, '')}`);
    expect(fp).not.toContain('=');
    expect(fp).toHaveLength('SHA256:'.length + 43);
  });

  it('compares fingerprints with or without prefix and padding', () => {
    expect(sameFingerprint(fp, `${fp.slice(7)}=`)).toBe(true);
    expect(sameFingerprint(fp, 'SHA256:AAAA')).toBe(false);
  });

  it('enforces a pinned key whatever the policy', async () => {
    expect(await verifyHostKey({ policy: 'accept', pinned: fp }, 'h:22', fp)).toEqual({
      ok: true,
      recorded: false,
    });
    expect(
      await verifyHostKey({ policy: 'accept', pinned: 'SHA256:other' }, 'h:22', fp),
    ).toMatchObject({
      ok: false,
      code: FailureCode.host_key_mismatch,
    });
  });

  it('strict refuses an unpinned key; accept takes it', async () => {
    expect(await verifyHostKey({ policy: 'strict' }, 'h:22', fp)).toMatchObject({
      ok: false,
      code: FailureCode.host_key_unknown,
    });
    expect(await verifyHostKey({ policy: 'accept' }, 'h:22', fp)).toMatchObject({ ok: true });
  });

  it('tofu records on first use, then refuses any other key; without a store it refuses', async () => {
    const store = new MemoryHostKeyStore();
    expect(await verifyHostKey({ policy: 'tofu', store }, 'h:22', fp)).toEqual({
      ok: true,
      recorded: true,
    });
    expect(await verifyHostKey({ policy: 'tofu', store }, 'h:22', fp)).toEqual({
      ok: true,
      recorded: false,
    });
    expect(await verifyHostKey({ policy: 'tofu', store }, 'h:22', 'SHA256:rotated')).toMatchObject({
      ok: false,
      code: FailureCode.host_key_mismatch,
    });
    expect(await store.get('h:22')).toBe(fp);
    expect(await verifyHostKey({ policy: 'tofu' }, 'h:22', fp)).toMatchObject({
      ok: false,
      code: FailureCode.host_key_unknown,
    });
  });
});
