import { z } from 'zod';
import { isoTime } from './fields';

/** A credential profile name: what a device row's `credential` column refers to. */
export const credentialNameSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/,
    'must be 1-64 chars of letters, digits, _ . - (starting with a letter or digit)',
  );

/**
 * A named login shared by many devices, as stored. Secrets are sealed (AES-256-GCM, the key is
 * never in Redis) with {@link credentialSecretContext} as the authenticated context, so a
 * sealed value cannot be moved to another profile or to a device record.
 */
export const credentialProfileSchema = z.object({
  name: credentialNameSchema,
  username: z.string().min(1),
  password_sealed: z.string().optional(),
  private_key_sealed: z.string().optional(),
  passphrase_sealed: z.string().optional(),
  enable_secret_sealed: z.string().optional(),
  created_at: isoTime,
});

/** A stored credential profile. */
export type CredentialProfile = z.infer<typeof credentialProfileSchema>;

/** A credential profile as the API shows it: whether each secret is set, never the secret. */
export const credentialProfileViewSchema = z.object({
  name: z.string(),
  username: z.string(),
  has_password: z.boolean(),
  has_private_key: z.boolean(),
  has_passphrase: z.boolean(),
  has_enable_secret: z.boolean(),
  created_at: isoTime,
});

/** A credential profile as the API returns it. */
export type CredentialProfileView = z.infer<typeof credentialProfileViewSchema>;

/** An optional secret field: an empty string means "not set", and no trimming (spaces count). */
const secretField = z
  .string()
  .max(16_384, 'is too long')
  .optional()
  .transform((s) => (s === undefined || s === '' ? undefined : s));

/**
 * The body of `POST /credentials`: a password or a private key (optionally with its
 * passphrase), and an optional enable secret. Issue messages never contain the values.
 */
export const credentialProfileInputSchema = z
  .object({
    name: credentialNameSchema,
    username: z.string().trim().min(1, 'is required'),
    password: secretField,
    private_key: secretField,
    passphrase: secretField,
    enable_secret: secretField,
  })
  .superRefine((input, ctx) => {
    if (input.password === undefined && input.private_key === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['password'],
        message: 'a password or a private key is required',
      });
    }
    if (input.passphrase !== undefined && input.private_key === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['passphrase'],
        message: 'is only meaningful with a private key',
      });
    }
  });

/** A credential profile request body (secrets in clear: seal before storing). */
export type CredentialProfileInput = z.output<typeof credentialProfileInputSchema>;

/** The authenticated context a credential profile's secrets are sealed with. */
export function credentialSecretContext(name: string): string {
  return `credential:${name}`;
}
