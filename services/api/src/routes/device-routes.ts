import { PLATFORMS, type Platform } from '@fleetpush/domain';
import {
  HEADER_PROBLEM,
  ImportReadError,
  ImportTooLargeError,
  MAX_IMPORT_BYTES,
  devicesToStore,
  importDevices,
  toCsv,
  type ImportResult,
} from '@fleetpush/inventory';
import { MAX_INVENTORY_PAGE, toDeviceView } from '@fleetpush/store';
import { Router, type Request } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../api-deps';
import { audit } from '../audit-trail';
import { requireRole } from '../auth';
import { requireContentType } from '../body-guards';
import { ApiErrorCode, ApiHttpError, notFound } from '../errors';
import { parseOr400 } from '../validate';

const booleanParam = z.enum(['true', 'false']).transform((s) => s === 'true');

/** The query of `POST /devices/import`. */
export const importQuerySchema = z.object({
  mode: z.enum(['replace', 'merge']).default('replace'),
  partial: booleanParam.default(false),
});

/** The query of `GET /devices`. */
export const deviceListQuerySchema = z.object({
  tag: z.string().min(1).max(200).optional(),
  device_type: z.enum(PLATFORMS as [Platform, ...Platform[]]).optional(),
  prod: booleanParam.optional(),
  text: z.string().max(200).optional(),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(MAX_INVENTORY_PAGE).default(50),
});

/** Rejected rows as error details: one problem per cell at fault, with its line number. */
function rejectedDetails(result: ImportResult): { path: string; message: string; row: number }[] {
  return result.rejected.flatMap((row) =>
    row.problems.map((p) => ({ path: p.column, message: p.message, row: row.line })),
  );
}

async function readImport(req: Request, deps: ApiDeps): Promise<ImportResult> {
  const maxBytes = deps.limits?.importBytes ?? MAX_IMPORT_BYTES;
  if (Number(req.get('content-length') ?? 0) > maxBytes) throw tooLarge(maxBytes, 'bytes');
  try {
    return await importDevices(req, { secrets: deps.secretBox, maxBytes });
  } catch (error) {
    if (error instanceof ImportTooLargeError) throw tooLarge(error.max, error.limit);
    if (error instanceof ImportReadError) {
      throw new ApiHttpError(400, ApiErrorCode.validation, 'the CSV body could not be read');
    }
    throw error;
  }
}

function tooLarge(max: number, unit: string): ApiHttpError {
  return new ApiHttpError(
    413,
    ApiErrorCode.tooLarge,
    `the CSV is larger than the limit of ${max} ${unit}`,
  );
}

/**
 * Refuses an import that would store nothing useful: a header problem, or (all-or-nothing, the
 * default) any rejected row, or a partial import in which every row was rejected.
 */
function refuseIfRejected(result: ImportResult, partial: boolean): void {
  const headerBroken = result.rejected.some((r) =>
    r.problems.some((p) => p.column === HEADER_PROBLEM),
  );
  const nothingValid = result.devices.length === 0 && result.rejected.length > 0;
  if (result.rejected.length === 0 || (partial && !headerBroken && !nothingValid)) return;
  throw new ApiHttpError(
    400,
    ApiErrorCode.importRejected,
    `${result.rejected.length} row(s) rejected; nothing was stored`,
    { details: rejectedDetails(result) },
  );
}

/** `POST /devices/import`: CSV body streamed to the importer, then stored (replace or merge). */
function importRoute(deps: ApiDeps): Router {
  const router = Router();
  router.post(
    '/devices/import',
    requireRole('operator'),
    requireContentType('text/csv', 'application/csv'),
    async (req, res) => {
      const query = parseOr400(importQuerySchema, req.query, 'query');
      const result = await readImport(req, deps);
      refuseIfRejected(result, query.partial);
      const devices = devicesToStore(result, query.partial);
      let created = devices.length;
      let updated = 0;
      if (query.mode === 'merge') ({ created, updated } = await deps.inventory.merge(devices));
      else await deps.inventory.replaceAll(devices);
      await audit(deps, res, 'devices:imported', 'inventory', {
        mode: query.mode,
        imported: devices.length,
        created,
        updated,
        rejected: result.rejected.length,
      });
      res.status(200).json({
        mode: query.mode,
        total: result.total,
        imported: devices.length,
        created,
        updated,
        rejected: result.rejected,
      });
    },
  );
  return router;
}

/** The inventory routes: import, list, export, get and delete one device. */
export function deviceRoutes(deps: ApiDeps): Router {
  const router = Router();
  router.use(importRoute(deps));
  router.get('/devices', requireRole('viewer'), async (req, res) => {
    const query = parseOr400(deviceListQuerySchema, req.query, 'query');
    const page = await deps.inventory.list(query);
    res.json({
      items: page.items.map(toDeviceView),
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
    res.json(toDeviceView(device));
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
