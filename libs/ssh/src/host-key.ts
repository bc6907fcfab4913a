import { createHash } from 'node:crypto';
import { FailureCode } from '@fleetpush/domain';

/** How an unpinned host key is treated. */
export const HostKeyPolicy = {
  /** Refuse any key that is not pinned (`host_key_unknown`). */
  strict: 'strict',
  /** Trust on first use: record the first key through the store, refuse any later change. */
  tofu: 'tofu',
  /** Accept any key (tests and labs only). */
  accept: 'accept',
} as const;

/** A host-key policy. */
export type HostKeyPolicy = (typeof HostKeyPolicy)[keyof typeof HostKeyPolicy];

/** Where trust-on-first-use fingerprints live (Redis in production, memory in tests). */
export interface HostKeyStore {
  get(deviceKey: string): Promise<string | undefined>;
  set(deviceKey: string, fingerprint: string): Promise<void>;
}

/** Host-key settings of a target. */
export interface HostKeyCheck {
  /** `SHA256:<base64 without padding>`, as OpenSSH prints it. Enforced when present. */
  readonly pinned?: string;
  readonly policy: HostKeyPolicy;
  /** Required by `tofu`. */
  readonly store?: HostKeyStore;
}

/** The verdict on a presented host key. */
export type HostKeyVerdict =
  | { readonly ok: true; readonly recorded: boolean }
  | {
      readonly ok: false;
      readonly code: typeof FailureCode.host_key_mismatch | typeof FailureCode.host_key_unknown;
      readonly reason: string;
    };

/** OpenSSH's fingerprint of a host key blob: `SHA256:` + unpadded base64 of its SHA-256. */
export function fingerprintOf(keyBlob: Buffer): string {
  return `SHA256:${createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '')}`;
}

/** Compares fingerprints, tolerating a missing `SHA256:` prefix and base64 padding. */
export function sameFingerprint(a: string, b: string): boolean {
  const norm = (f: string): string =>
    f
      .trim()
      .replace(/^SHA256:/i, '')
      .replace(/=+$/, '');
  return norm(a) === norm(b);
}

/**
 * Decides whether to trust a host key. Runs inside ssh2's `hostVerifier`, i.e. during key
 * exchange and before any credential is sent. A store failure refuses (fails closed).
 */
export async function verifyHostKey(
  check: HostKeyCheck,
  deviceKey: string,
  fingerprint: string,
): Promise<HostKeyVerdict> {
  if (check.pinned !== undefined && check.pinned !== '') {
    return sameFingerprint(check.pinned, fingerprint)
      ? { ok: true, recorded: false }
      : mismatch(`host key ${fingerprint} does not match the pinned ${check.pinned}`);
  }
  if (check.policy === HostKeyPolicy.accept) return { ok: true, recorded: false };
  if (check.policy === HostKeyPolicy.strict || check.store === undefined) {
    return {
      ok: false,
      code: FailureCode.host_key_unknown,
      reason: `host key ${fingerprint} is not pinned and the policy is ${check.policy}${
        check.store === undefined && check.policy === HostKeyPolicy.tofu ? ' without a store' : ''
      }`,
    };
  }
  const known = await check.store.get(deviceKey);
  if (known !== undefined) {
    return sameFingerprint(known, fingerprint)
      ? { ok: true, recorded: false }
      : mismatch(`host key changed: ${fingerprint}, recorded on first use ${known}`);
  }
  await check.store.set(deviceKey, fingerprint);
  return { ok: true, recorded: true };
}

function mismatch(reason: string): HostKeyVerdict {
  return { ok: false, code: FailureCode.host_key_mismatch, reason };
}

/** An in-memory {@link HostKeyStore}, for tests and single-process tools. */
export class MemoryHostKeyStore implements HostKeyStore {
  private readonly keys = new Map<string, string>();

  get(deviceKey: string): Promise<string | undefined> {
    return Promise.resolve(this.keys.get(deviceKey));
  }

  set(deviceKey: string, fingerprint: string): Promise<void> {
    this.keys.set(deviceKey, fingerprint);
    return Promise.resolve();
  }
}
