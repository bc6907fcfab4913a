import { Router } from 'express';
import type { ApiDeps } from '../api-deps';
import { requireRole } from '../auth';
import { requireContentType } from '../body-guards';
import { checkAndRecordConnections } from '../imports/checked-connections';
import { importQuerySchema, runImport } from '../imports/device-import';
import { NDJSON } from '../imports/ndjson-writer';
import { streamImport } from '../imports/stream-import';
import { parseOr400 } from '../validate';

/**
 * `POST /devices/import`: the CSV body streamed to the importer, then stored (replace or merge,
 * all-or-nothing unless `partial=true`). `validate=connect` then logs in to every stored device
 * and adds a `connection` report (the inventory is stored either way) and records each
 * device's outcome (its `reachability` in `GET /devices`). With
 * `Accept: application/x-ndjson` the answer is a progress stream (see `streamImport`).
 */
export function deviceImportRoute(deps: ApiDeps): Router {
  const router = Router();
  router.post(
    '/devices/import',
    requireRole('operator'),
    requireContentType('text/csv', 'application/csv'),
    async (req, res) => {
      const query = parseOr400(importQuerySchema, req.query, 'query');
      if (req.accepts(['application/json', NDJSON]) === NDJSON) {
        await streamImport(req, res, deps, query);
        return;
      }
      const { outcome, devices } = await runImport(req, res, deps, query);
      const connection =
        query.validate === 'connect' ? await checkAndRecordConnections(deps, devices) : undefined;
      res.status(200).json({ ...outcome, ...(connection && { connection }) });
    },
  );
  return router;
}
