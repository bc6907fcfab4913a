import { AUDIT_ACTIONS } from '@fleetpush/contracts';
import { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../api-deps';
import { auditLogOf } from '../audit-trail';
import { requireRole } from '../auth';
import { parseOr400 } from '../validate';

/** Largest page of audit entries. */
const MAX_AUDIT_PAGE = 1_000;

/** The query of `GET /audit`. */
export const auditQuerySchema = z
  .object({
    /** Only entries at or after this time (ISO-8601). */
    since: z.iso.datetime({ offset: true }).optional(),
    action: z.enum(AUDIT_ACTIONS).optional(),
    /** Text the actor contains (token name or id), case-insensitive. */
    actor: z.string().min(1).max(200).optional(),
    /** The `next` cursor of the previous page. */
    before: z
      .string()
      .regex(/^\d{1,20}-\d{1,20}$/, 'must be the next cursor of a previous page')
      .optional(),
    limit: z.coerce.number().int().min(1).max(MAX_AUDIT_PAGE).default(100),
  })
  .strict();

/** `GET /audit` (admin): the audit log newest first, filtered, paginated by cursor. */
export function auditRoutes(deps: ApiDeps): Router {
  const router = Router();
  router.get('/audit', requireRole('admin'), async (req, res) => {
    const query = parseOr400(auditQuerySchema, req.query, 'query');
    const page = await auditLogOf(deps).list({
      ...query,
      since: query.since === undefined ? undefined : new Date(query.since),
    });
    res.json(page);
  });
  return router;
}
