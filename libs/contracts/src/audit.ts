import { z } from 'zod';
import { isoTime } from './fields';

/** What an audit entry records. Closed: a new kind of action is added here first. */
export const AuditAction = {
  devicesImported: 'devices:imported',
  deviceDeleted: 'device:deleted',
  jobSubmitted: 'job:submitted',
  jobStarted: 'job:started',
  jobApproved: 'job:approved',
  jobControlled: 'job:controlled',
  jobDeleted: 'job:deleted',
  commandsExecuted: 'commands:executed',
  tokenCreated: 'token:created',
  tokenRevoked: 'token:revoked',
  credentialCreated: 'credential:created',
  credentialDeleted: 'credential:deleted',
  presetCreated: 'preset:created',
  presetUpdated: 'preset:updated',
  presetDeleted: 'preset:deleted',
  hostKeyEnrolled: 'host_key:enrolled',
} as const;

/** An {@link AuditAction}. */
export type AuditAction = (typeof AuditAction)[keyof typeof AuditAction];

/** Every audit action. */
export const AUDIT_ACTIONS = Object.values(AuditAction) as [AuditAction, ...AuditAction[]];

/**
 * Details of an audit entry: flat scalars only (counts, names, states, fingerprints). Callers
 * put no secret here; the flat shape keeps a whole credential or token object from slipping in.
 */
export const auditDetailsSchema = z.record(
  z.string(),
  z.union([z.string(), z.number(), z.boolean(), z.null()]),
);

/** One audit record as stored and as `GET /audit` returns it (`id` is its stream id). */
export const auditEntrySchema = z.object({
  id: z.string(),
  at: isoTime,
  /** Who did it: a token's name and id (`name (id)`), or a service (`worker`). Never a token. */
  actor: z.string(),
  action: z.enum(AUDIT_ACTIONS),
  /** What it was done to: a job id, device key, token id, credential or preset name. */
  target: z.string(),
  details: auditDetailsSchema,
});

/** A stored audit record. */
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** An audit record to append (the store assigns `id` and, unless given, `at`). */
export type NewAuditEntry = Omit<AuditEntry, 'id' | 'at'> & { readonly at?: string };
