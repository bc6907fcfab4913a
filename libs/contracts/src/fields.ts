import {
  findUnsafeCharacter,
  parseDeviceKey,
  parsePlatform,
  PLATFORMS,
  type Platform,
} from '@fleetpush/domain';
import { z } from 'zod';

/** A template variable name: an identifier, as `{{name}}` accepts. */
export const variableName = z
  .string()
  .regex(
    /^[A-Za-z_][A-Za-z0-9_]*$/,
    'must be an identifier (letters, digits, _; not starting with a digit)',
  );

/** A device key `host:port` (IPv6 hosts bracketed). */
export const deviceKeySchema = z.string().superRefine((value, ctx) => {
  const parsed = parseDeviceKey(value);
  if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.error });
});

/** A TCP port. */
export const portSchema = z.number().int().min(1).max(65535);

/** A platform name or one of its aliases, normalised to the platform. */
export const platformSchema = z.string().transform((value, ctx): Platform => {
  const platform = parsePlatform(value);
  if (platform) return platform;
  ctx.addIssue({
    code: 'custom',
    message: `unknown device_type "${value}"; expected one of ${PLATFORMS.join(', ')}`,
  });
  return z.NEVER;
});

/** An OpenSSH-style host key fingerprint, `SHA256:` + unpadded base64 of 32 bytes. */
export const fingerprintSchema = z
  .string()
  .regex(
    /^SHA256:[A-Za-z0-9+/]{43}$/,
    'must be an OpenSSH SHA256 fingerprint (SHA256:…, 43 base64 chars)',
  );

/**
 * One CLI line: no line break, control, TAB (keyword completion on Cisco-style CLIs) or bidi
 * character, the same rule the template preflight applies (`findUnsafeCharacter`).
 */
export const cliLine = z
  .string()
  .max(4096)
  .superRefine((s, ctx) => {
    const unsafe = findUnsafeCharacter(s);
    if (unsafe) {
      ctx.addIssue({
        code: 'custom',
        message: `must be a single line without control characters (${unsafe.name} at position ${unsafe.index + 1})`,
      });
    }
  });

/** A regular expression source that compiles. */
export const regexSource = z
  .string()
  .min(1)
  .max(1000)
  .refine(
    (s) => {
      try {
        new RegExp(s);
        return true;
      } catch {
        return false;
      }
    },
    { message: 'must be a valid regular expression' },
  );

/** Device tags: short labels for grouping and targeting. */
export const tagSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.\-/]{0,63}$/, 'must be 1-64 chars of letters, digits, _ . - /');

/** ISO-8601 timestamp string. */
export const isoTime = z.iso.datetime();
