import { randomBytes } from 'node:crypto';
import { credentialProfileInputSchema, credentialProfileSchema } from '@fleetpush/contracts';
import { sealCredentialProfile } from './seal-credential-profile';
import { SecretBox } from './secret-box';

const box = new SecretBox(randomBytes(32));
const NOW = new Date('2024-03-01T12:00:00.000Z');

describe('sealCredentialProfile', () => {
  it('seals every secret with the profile as context and keeps none in clear', () => {
    const input = credentialProfileInputSchema.parse({
      name: 'core-rw',
      username: ' netops ',
      private_key: '-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n',
      passphrase: 'pass phrase',
      enable_secret: 'en4ble',
    });
    const profile = sealCredentialProfile(input, box, NOW);
    expect(credentialProfileSchema.parse(profile)).toEqual(profile);
    expect(profile).toMatchObject({
      name: 'core-rw',
      username: 'netops',
      created_at: NOW.toISOString(),
    });
    expect(profile.password_sealed).toBeUndefined();
    expect(box.open(profile.private_key_sealed!, 'credential:core-rw')).toBe(input.private_key);
    expect(box.open(profile.passphrase_sealed!, 'credential:core-rw')).toBe('pass phrase');
    expect(box.open(profile.enable_secret_sealed!, 'credential:core-rw')).toBe('en4ble');
    expect(() => box.open(profile.enable_secret_sealed!, 'credential:other')).toThrow();
    expect(JSON.stringify(profile)).not.toMatch(/en4ble|pass phrase|OPENSSH/);
  });

  it('the request schema wants a password or a private key, and never echoes them', () => {
    const parsed = credentialProfileInputSchema.safeParse({
      name: 'x',
      username: 'u',
      passphrase: 's3cr3t-pp',
    });
    expect(parsed.success).toBe(false);
    const messages = parsed.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(messages).toEqual([
      'password: a password or a private key is required',
      'passphrase: is only meaningful with a private key',
    ]);
    expect(JSON.stringify(parsed.error!.issues)).not.toContain('s3cr3t-pp');
  });
});
