import { z } from 'zod';
import { isoTime } from './fields';

/**
 * The roles an API token carries, least to most privileged: a `viewer` watches jobs, an
 * `operator` also submits and controls them, an `admin` also manages tokens and the inventory.
 */
export const Role = {
  viewer: 'viewer',
  operator: 'operator',
  admin: 'admin',
} as const;

/** A token's role. */
export type Role = (typeof Role)[keyof typeof Role];

/** Every role, least privileged first (the order {@link roleAllows} ranks them by). */
export const ROLES: readonly Role[] = [Role.viewer, Role.operator, Role.admin];

/** A role name as it crosses a process (HTTP body, stored token record). */
export const roleSchema = z.enum(ROLES as [Role, ...Role[]]);

/** Whether `role` may do what `needed` may do (viewer < operator < admin). */
export function roleAllows(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

/** A human-chosen token name: what the token is for ("ci-pipeline", "noc dashboard"). */
export const tokenNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[^\p{Cc}]*$/u, 'must not contain control characters');

/** An API token as listed (never the token itself, never its hash). */
export const apiTokenInfoSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: roleSchema,
  createdAt: isoTime,
  createdBy: z.string().optional(),
  expiresAt: isoTime.optional(),
});

/** A listed API token. */
export type ApiTokenInfo = z.infer<typeof apiTokenInfoSchema>;

/** An API token as the store keeps it: the listed fields and the SHA-256 (hex) of the token. */
export const storedApiTokenSchema = apiTokenInfoSchema.extend({
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});

/** A stored API token record. */
export type StoredApiToken = z.infer<typeof storedApiTokenSchema>;
