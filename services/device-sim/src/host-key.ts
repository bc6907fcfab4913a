import { createHash } from 'node:crypto';
import { generateKeyPair } from '@fleetpush/ssh';
import type { ParsedKey } from 'ssh2';
import { signingHostKey } from './signing-host-key';

/** An SSH host key and the fingerprint clients see for it. */
export interface HostKey {
  /** The private key, parsed once for ssh2's server (see {@link signingHostKey}). */
  readonly serverKey: ParsedKey;
  /** `SHA256:<base64 without padding>`, as OpenSSH prints it. */
  readonly fingerprint: string;
}

/** Key types the simulator generates: ed25519 normally, RSA for legacy-only servers. */
export type HostKeyType = 'ed25519' | 'rsa';

/** RSA size of legacy host keys: the smallest size current clients still accept. */
const LEGACY_RSA_BITS = 2048;

/** Generates a host key (ed25519 ~2 ms; RSA ~200 ms, so RSA keys are made only when needed). */
export function generateHostKey(type: HostKeyType = 'ed25519'): HostKey {
  const pair =
    type === 'rsa' ? generateKeyPair('rsa', { bits: LEGACY_RSA_BITS }) : generateKeyPair('ed25519');
  return {
    serverKey: signingHostKey(pair.private),
    fingerprint: fingerprintOfPublicKey(pair.public),
  };
}

/** The OpenSSH SHA256 fingerprint of an `ssh-xxx AAAA... [comment]` public key line. */
export function fingerprintOfPublicKey(publicKeyLine: string): string {
  const blob = publicKeyLine.trim().split(/\s+/)[1] ?? '';
  const digest = createHash('sha256').update(Buffer.from(blob, 'base64')).digest('base64');
  return `SHA256:${digest.replace(/=+$/, '')}`;
}
