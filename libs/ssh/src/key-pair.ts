import { utils } from 'ssh2';

/** Key types fleetpush generates. */
export type KeyPairType = 'ed25519' | 'rsa';

/** Options of {@link generateKeyPair}: an optional passphrase (with its cipher and bcrypt rounds), RSA bits. */
export interface KeyPairOptions {
  readonly bits?: number;
  readonly passphrase?: string;
  readonly cipher?: string;
  readonly rounds?: number;
  readonly comment?: string;
}

/** An OpenSSH key pair. */
export interface KeyPair {
  readonly private: string;
  readonly public: string;
}

/** Generations tried before giving up; a bad ed25519 pair comes up about once in 256. */
const MAX_TRIES = 16;

/**
 * Generates an OpenSSH key pair that ssh2 can read back. ssh2 1.17's ed25519 generator strips
 * leading zero bytes from the public key, so about 1 pair in 256 does not parse
 * (mscdex/ssh2#1390, #1513); such a pair is thrown away and generated again.
 */
export function generateKeyPair(type: KeyPairType, options: KeyPairOptions = {}): KeyPair {
  for (let i = 0; i < MAX_TRIES; i += 1) {
    // @types/ssh2 types the options per key type; the runtime takes the same object for both.
    const generate = utils.generateKeyPairSync as (
      type: KeyPairType,
      options: KeyPairOptions,
    ) => KeyPair;
    const pair = generate(type, options);
    const readable =
      !(utils.parseKey(pair.public) instanceof Error) &&
      !(utils.parseKey(pair.private, options.passphrase) instanceof Error);
    if (readable) return pair;
  }
  throw new Error(`could not generate a readable ${type} key pair in ${MAX_TRIES} tries`);
}
