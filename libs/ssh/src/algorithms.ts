import { type Algorithms } from 'ssh2';

/**
 * Modern algorithms, offered by default. The curve25519 / ed25519 / AES-GCM / ChaCha20 core
 * comes first; the NIST curves, group14/16 with SHA-2, RSA-SHA2 and CTR+ETM follow because
 * current IOS-XE, NX-OS and Junos releases often lack curve25519 or ed25519 and they are not
 * weak. AES-GCM leads ChaCha20 because both ends have AES instructions here (cheaper CPU).
 */
export const MODERN_ALGORITHMS = {
  kex: [
    'curve25519-sha256',
    'curve25519-sha256@libssh.org',
    'ecdh-sha2-nistp256',
    'ecdh-sha2-nistp384',
    'ecdh-sha2-nistp521',
    'diffie-hellman-group16-sha512',
    'diffie-hellman-group14-sha256',
  ],
  serverHostKey: [
    'ssh-ed25519',
    'ecdsa-sha2-nistp256',
    'ecdsa-sha2-nistp384',
    'ecdsa-sha2-nistp521',
    'rsa-sha2-512',
    'rsa-sha2-256',
  ],
  cipher: [
    'aes128-gcm@openssh.com',
    'aes256-gcm@openssh.com',
    'chacha20-poly1305@openssh.com',
    'aes128-ctr',
    'aes256-ctr',
  ],
  hmac: [
    'hmac-sha2-256-etm@openssh.com',
    'hmac-sha2-512-etm@openssh.com',
    'hmac-sha2-256',
    'hmac-sha2-512',
  ],
  compress: ['none'],
} as const satisfies Algorithms;

/**
 * What old gear needs (IOS 12.x/15.0, old ASA and NX-OS): SHA-1 key exchange, CBC ciphers,
 * `ssh-rsa` host keys, HMAC-SHA1. Opt-in per target; appended after the modern set so a
 * device that speaks both still gets the modern one.
 */
export const LEGACY_ALGORITHMS = {
  kex: [
    'diffie-hellman-group14-sha1',
    'diffie-hellman-group-exchange-sha256',
    'diffie-hellman-group-exchange-sha1',
    'diffie-hellman-group1-sha1',
  ],
  serverHostKey: ['ssh-rsa', 'ssh-dss'],
  cipher: ['aes128-cbc', 'aes256-cbc', 'aes192-cbc', '3des-cbc'],
  hmac: ['hmac-sha1'],
  compress: ['none'],
} as const satisfies Algorithms;

/** The algorithm offer for a target. */
export function algorithmsFor(legacy: boolean): Algorithms {
  const m = MODERN_ALGORITHMS;
  if (!legacy) {
    return {
      kex: [...m.kex],
      serverHostKey: [...m.serverHostKey],
      cipher: [...m.cipher],
      hmac: [...m.hmac],
      compress: [...m.compress],
    };
  }
  const l = LEGACY_ALGORITHMS;
  return {
    kex: [...m.kex, ...l.kex],
    serverHostKey: [...m.serverHostKey, ...l.serverHostKey],
    cipher: [...m.cipher, ...l.cipher],
    hmac: [...m.hmac, ...l.hmac],
    compress: ['none'],
  };
}
