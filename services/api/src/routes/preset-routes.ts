import { platformSchema, presetInputSchema } from '@fleetpush/contracts';
import { PresetStore, PresetStoreError, PresetStoreErrorCode } from '@fleetpush/store';
import { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../api-deps';
import { actorOf, audit } from '../audit-trail';
import { principalOf, requireRole } from '../auth';
import { requireContentType } from '../body-guards';
import { ApiErrorCode, ApiHttpError, notFound } from '../errors';
import { parseOr400 } from '../validate';

/** The query of `GET /presets`. */
export const presetListQuerySchema = z.object({ os_model: platformSchema.optional() }).strict();

/** The presets of an API (the configured store, or one on its Redis). */
export function presetStoreOf(deps: ApiDeps): PresetStore {
  return deps.presets ?? new PresetStore(deps.redis, deps.keys, { now: deps.now });
}

/** 409 for a name taken within its OS model; anything else is rethrown. */
function conflictOrRethrow(error: unknown): never {
  if (error instanceof PresetStoreError && error.code === PresetStoreErrorCode.nameTaken) {
    throw new ApiHttpError(409, ApiErrorCode.conflict, error.message, {
      details: [{ path: 'name', message: error.message }],
    });
  }
  throw error;
}

/**
 * Presets per OS model: `GET /presets[?os_model]` and `GET /presets/{id}` (viewer);
 * `POST`, `PUT /presets/{id}` (whole replacement) and `DELETE` (operator). 409 on a name taken
 * within the model. Every write is audited.
 */
export function presetRoutes(deps: ApiDeps): Router {
  const router = Router();
  const store = presetStoreOf(deps);
  router.get('/presets', requireRole('viewer'), async (req, res) => {
    const query = parseOr400(presetListQuerySchema, req.query, 'query');
    res.json({ items: await store.list(query.os_model) });
  });
  router.get('/presets/:id', requireRole('viewer'), async (req, res) => {
    const preset = await store.get(String(req.params.id));
    if (!preset) throw notFound('preset');
    res.json(preset);
  });
  router.post(
    '/presets',
    requireRole('operator'),
    requireContentType('application/json'),
    async (req, res) => {
      const input = parseOr400(presetInputSchema, req.body);
      const preset = await store.create(input, actorOf(principalOf(res))).catch(conflictOrRethrow);
      await audit(deps, res, 'preset:created', preset.id, {
        name: preset.name,
        os_model: preset.os_model,
      });
      res.status(201).json(preset);
    },
  );
  router.put(
    '/presets/:id',
    requireRole('operator'),
    requireContentType('application/json'),
    async (req, res) => {
      const input = parseOr400(presetInputSchema, req.body);
      const id = String(req.params.id);
      const preset = await store
        .replace(id, input, actorOf(principalOf(res)))
        .catch(conflictOrRethrow);
      if (!preset) throw notFound('preset');
      await audit(deps, res, 'preset:updated', id, {
        name: preset.name,
        os_model: preset.os_model,
      });
      res.json(preset);
    },
  );
  router.delete('/presets/:id', requireRole('operator'), async (req, res) => {
    const id = String(req.params.id);
    if (!(await store.delete(id))) throw notFound('preset');
    await audit(deps, res, 'preset:deleted', id);
    res.status(204).end();
  });
  return router;
}
