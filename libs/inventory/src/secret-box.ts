import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** AES-256-GCM: a 32-byte key, a fresh 12-byte nonce per secret, a 16-byte tag. */
const KEY_BYTES = 32;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const VERSION = 'v1';

/** A sealed secret could not be opened: wrong key, tampered or truncated. */
export class SecretBoxError extends Error {
  override readonly name = 'SecretBoxError';
  readonly code = 'secret_unreadable';
}

/**
 * Encrypts device secrets at rest. The key comes from the environment (never from Redis);
 * sealed values are `v1:<base64(nonce | tag | ciphertext)>` and may be stored anywhere.
 * The optional `context` (e.g. the device key) is authenticated, so a sealed password cannot
 * be moved to another device's record.
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(key: Uint8Array) {
    if (key.length !== KEY_BYTES) throw new RangeError(`secret key must be ${KEY_BYTES} bytes`);
    this.key = Buffer.from(key);
  }

  /** Seals a secret. */
  seal(plaintext: string, context = ''): string {
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `${VERSION}:${Buffer.concat([nonce, cipher.getAuthTag(), body]).toString('base64')}`;
  }

  /** Opens a sealed secret; throws {@link SecretBoxError} when it is not authentic. */
  open(sealed: string, context = ''): string {
    const [version, payload] = sealed.split(':', 2);
    const raw = Buffer.from(payload ?? '', 'base64');
    if (version !== VERSION || raw.length < NONCE_BYTES + TAG_BYTES) {
      throw new SecretBoxError('sealed secret is malformed');
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, NONCE_BYTES));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(raw.subarray(NONCE_BYTES, NONCE_BYTES + TAG_BYTES));
      const body = raw.subarray(NONCE_BYTES + TAG_BYTES);
      return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
    } catch (cause) {
      throw new SecretBoxError('sealed secret could not be opened (wrong key or tampered)', {
        cause,
      });
    }
  }
}
