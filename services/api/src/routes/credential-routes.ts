import { credentialNameSchema, credentialProfileInputSchema } from '@fleetpush/contracts';
import { sealCredentialProfile } from '@fleetpush/inventory';
import { InventoryStoreError, InventoryStoreErrorCode, toCredentialView } from '@fleetpush/store';
import { Router } from 'express';
import type { ApiDeps } from '../api-deps';
import { audit } from '../audit-trail';
import { requireRole } from '../auth';
import { requireContentType } from '../body-guards';
import { ApiErrorCode, ApiHttpError, notFound } from '../errors';
import { parseOr400 } from '../validate';

/** Admin-only credential profiles: secrets are sealed on arrival and never returned. */
export function credentialRoutes(deps: ApiDeps): Router {
  const router = Router();
  router.use('/credentials', requireRole('admin'));
  router.post('/credentials', requireContentType('application/json'), async (req, res) => {
    const input = parseOr400(credentialProfileInputSchema, req.body);
    const profile = sealCredentialProfile(input, deps.secretBox, deps.now?.() ?? new Date());
    try {
      await deps.credentials.create(profile);
    } catch (error) {
      if (
        error instanceof InventoryStoreError &&
        error.code === InventoryStoreErrorCode.credentialExists
      ) {
        throw new ApiHttpError(
          409,
          ApiErrorCode.conflict,
          `credential ${input.name} exists already`,
        );
      }
      throw error;
    }
    await audit(deps, res, 'credential:created', profile.name, { username: profile.username });
    res.status(201).json(toCredentialView(profile));
  });
  router.get('/credentials', async (_req, res) => {
    res.json({ items: (await deps.credentials.list()).map(toCredentialView) });
  });
  router.get('/credentials/:name', async (req, res) => {
    const name = parseOr400(credentialNameSchema, req.params.name, 'credential name');
    const profile = await deps.credentials.get(name);
    if (!profile) throw notFound(`credential ${name}`);
    res.json(toCredentialView(profile));
  });
  router.delete('/credentials/:name', async (req, res) => {
    if (!(await deps.credentials.delete(String(req.params.name)))) throw notFound('credential');
    await audit(deps, res, 'credential:deleted', String(req.params.name));
    res.status(204).end();
  });
  return router;
}
