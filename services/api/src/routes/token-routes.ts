import { roleSchema, tokenNameSchema } from '@fleetpush/contracts';
import { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../api-deps';
import { audit } from '../audit-trail';
import { principalOf, requireRole } from '../auth';
import { requireContentType } from '../body-guards';
import { notFound } from '../errors';
import { parseOr400 } from '../validate';

/** The body of `POST /tokens`. */
export const createTokenSchema = z
  .object({
    name: tokenNameSchema,
    role: roleSchema,
    expires_at: z.iso
      .datetime({ offset: true })
      .refine((s) => Date.parse(s) > Date.now(), 'must be in the future')
      .optional(),
  })
  .strict();

/** Admin-only token management: issue (the token is shown once), list, revoke. */
export function tokenRoutes(deps: ApiDeps): Router {
  const router = Router();
  router.use('/tokens', requireRole('admin'));
  router.post('/tokens', requireContentType('application/json'), async (req, res) => {
    const body = parseOr400(createTokenSchema, req.body);
    const created = await deps.tokens.create(body.name, body.role, {
      createdBy: principalOf(res).name,
      ...(body.expires_at !== undefined && { expiresAt: new Date(body.expires_at) }),
    });
    await audit(deps, res, 'token:created', created.id, { name: body.name, role: body.role });
    res
      .status(201)
      .json({ id: created.id, token: created.token, name: body.name, role: body.role });
  });
  router.get('/tokens', async (_req, res) => {
    res.json({ items: await deps.tokens.list() });
  });
  router.delete('/tokens/:id', async (req, res) => {
    if (!(await deps.tokens.revoke(String(req.params.id)))) throw notFound('token');
    await audit(deps, res, 'token:revoked', String(req.params.id));
    res.status(204).end();
  });
  return router;
}
