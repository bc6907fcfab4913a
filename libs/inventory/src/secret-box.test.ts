import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { SecretBox, SecretBoxError } from './secret-box';

describe('SecretBox', () => {
  const box = new SecretBox(randomBytes(32));

  it('round-trips any secret and never shows it in the sealed form', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 4 }), (secret) => {
        const sealed = box.seal(secret, 'r1:22');
        expect(box.open(sealed, 'r1:22')).toBe(secret);
        expect(sealed).not.toContain(secret);
        expect(sealed).not.toContain(Buffer.from(secret).toString('base64'));
      }),
    );
  });

  it('seals the same secret differently every time', () => {
    expect(box.seal('hunter2')).not.toBe(box.seal('hunter2'));
  });

  it('refuses another key, another context, tampering and garbage', () => {
    const sealed = box.seal('hunter2', 'r1:22');
    expect(() => new SecretBox(randomBytes(32)).open(sealed, 'r1:22')).toThrow(SecretBoxError);
    expect(() => box.open(sealed, 'r2:22')).toThrow(SecretBoxError);
    const raw = Buffer.from(sealed.slice(3), 'base64');
    raw[raw.length - 1] = raw[raw.length - 1]! ^ 1;
    expect(() => box.open(`v1:${raw.toString('base64')}`, 'r1:22')).toThrow(SecretBoxError);
    expect(() => box.open('v9:abc')).toThrow(SecretBoxError);
  });

  it('refuses a key of the wrong size', () => {
    expect(() => new SecretBox(randomBytes(16))).toThrow(RangeError);
  });
});
