import { createPrivateKey, sign, type KeyObject } from 'node:crypto';
import { utils, type ParsedKey } from 'ssh2';

/**
 * The host key as ssh2's server takes it, signing with a parsed private key. ssh2 signs every
 * key exchange with the key's PEM text, which Node (OpenSSL 3) decodes again on each call:
 * about 0.45 ms of CPU per ed25519 signature on our 2-core machine, against 0.04 ms with a
 * parsed key. The simulated fleet shares the machine with the tool it measures, so its CPU
 * should go to the protocol, not to re-reading its own key. Only ed25519 keys (the fleet's
 * normal key) get the parsed signer; RSA legacy keys, whose signature algorithm depends on the
 * negotiation, are handed over as ssh2 parsed them.
 */
export function signingHostKey(privateKeyPem: string): ParsedKey {
  const parsed = utils.parseKey(privateKeyPem);
  if (parsed instanceof Error) throw new Error(`host key does not parse: ${parsed.message}`);
  if (parsed.type !== 'ssh-ed25519') return parsed;
  const keyObject = createPrivateKey(parsed.getPrivatePEM());
  // everything else (public key, type, verify) stays ssh2's own
  return Object.create(parsed, {
    sign: { value: (data: Buffer | string) => signEd25519(keyObject, data) },
  }) as ParsedKey;
}

/** ssh2's signing contract: the signature, or the Error (ssh2 fails the handshake on it). */
function signEd25519(key: KeyObject, data: Buffer | string): Buffer {
  try {
    return sign(null, typeof data === 'string' ? Buffer.from(data) : data, key);
  } catch (error) {
    return (error instanceof Error ? error : new Error(String(error))) as unknown as Buffer;
  }
}
