import type { AuditAction, AuditEntry } from '@fleetpush/contracts';
import { AuditLog, type TokenPrincipal } from '@fleetpush/store';
import type { Response } from 'express';
import type { ApiDeps } from './api-deps';
import { principalOf } from './auth';

/** The audit log of an API (the configured one, or one on its Redis). */
export function auditLogOf(deps: ApiDeps): AuditLog {
  return deps.audit ?? new AuditLog(deps.redis, deps.keys, { now: deps.now });
}

/** How a principal appears in the audit log: its token's name and id, never the token. */
export function actorOf(principal: TokenPrincipal): string {
  return `${principal.name} (${principal.id})`;
}

/** Appends one audit entry for the request's principal, after the action succeeded. */
export async function audit(
  deps: ApiDeps,
  res: Response,
  action: AuditAction,
  target: string,
  details: AuditEntry['details'] = {},
): Promise<void> {
  await auditLogOf(deps).append({ actor: actorOf(principalOf(res)), action, target, details });
}
