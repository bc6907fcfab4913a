import { REACHABILITY_STATES } from '@fleetpush/contracts';
import { PLATFORMS, type Platform } from '@fleetpush/domain';
import { toCsv } from '@fleetpush/inventory';
import { MAX_INVENTORY_PAGE, toDeviceView } from '@fleetpush/store';
import { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../api-deps';
import { audit } from '../audit-trail';
import { requireRole } from '../auth';
import { notFound } from '../errors';
import { parseOr400 } from '../validate';
import { deviceImportRoute } from './device-import-route';

const booleanParam = z.enum(['true', 'false']).transform((s) => s === 'true');

/** The query of `GET /devices`. */
export const deviceListQuerySchema = z.object({
  tag: z.string().min(1).max(200).optional(),
  device_type: z.enum(PLATFORMS as [Platform, ...Platform[]]).optional(),
  prod: booleanParam.optional(),
  text: z.string().max(200).optional(),
  /** The latest connection check: logged in, port answered but login failed, no answer, never. */
  reachability: z.enum(REACHABILITY_STATES).optional(),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(MAX_INVENTORY_PAGE).default(50),
});

/** The inventory routes: import, list, export, get and delete one device. */
export function deviceRoutes(deps: ApiDeps): Router {
  const router = Router();
  router.use(deviceImportRoute(deps));
  router.get('/devices', requireRole('viewer'), async (req, res) => {
    const query = parseOr400(deviceListQuerySchema, req.query, 'query');
    const page = await deps.inventory.list(query);
    res.json({
      items: page.items.map((d) => toDeviceView(d, page.reachability.get(d.key) ?? null)),
      total: page.total,
      offset: query.offset,
      limit: query.limit,
    });
  });
  router.get('/devices/export.csv', requireRole('viewer'), async (_req, res) => {
    const csv = toCsv(await deps.inventory.all());
    res.type('text/csv').attachment('devices.csv').send(csv);
  });
  router.get('/devices/:key', requireRole('viewer'), async (req, res) => {
    const device = await deps.inventory.get(String(req.params.key));
    if (!device) throw notFound(`device ${String(req.params.key)}`);
    res.json(toDeviceView(device, await deps.inventory.reachability(device.key)));
  });
  router.delete('/devices/:key', requireRole('operator'), async (req, res) => {
    if (!(await deps.inventory.delete(String(req.params.key)))) {
      throw notFound(`device ${String(req.params.key)}`);
    }
    await audit(deps, res, 'device:deleted', String(req.params.key));
    res.status(204).end();
  });
  return router;
}
