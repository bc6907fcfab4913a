import {
  credentialSecretContext,
  type CredentialProfile,
  type CredentialProfileInput,
} from '@fleetpush/contracts';
import type { SecretBox } from './secret-box';

/**
 * Turns a validated `POST /credentials` body into the profile to store: every secret sealed
 * with the profile's own context (`credential:<name>`), so that a sealed value copied into
 * another profile or a device record does not open.
 */
export function sealCredentialProfile(
  input: CredentialProfileInput,
  box: SecretBox,
  now: Date,
): CredentialProfile {
  const context = credentialSecretContext(input.name);
  const { password, private_key, passphrase, enable_secret } = input;
  return {
    name: input.name,
    username: input.username,
    ...(password !== undefined && { password_sealed: box.seal(password, context) }),
    ...(private_key !== undefined && { private_key_sealed: box.seal(private_key, context) }),
    ...(passphrase !== undefined && { passphrase_sealed: box.seal(passphrase, context) }),
    ...(enable_secret !== undefined && { enable_secret_sealed: box.seal(enable_secret, context) }),
    created_at: now.toISOString(),
  };
}
