import type { Request, Response } from 'express';
import type { ApiDeps } from '../api-deps';
import { ApiErrorCode, ApiHttpError } from '../errors';
import { checkAndRecordConnections } from './checked-connections';
import type { ConnectionCheckReport } from './connection-check';
import { refuseDeclaredTooLarge, runImport, type ImportQuery } from './device-import';
import { openNdjson, writeLine } from './ndjson-writer';

/** Connection-check progress lines per import: about one per percent, however large the fleet. */
const CONNECT_PROGRESS_STEPS = 100;

function asApiError(error: unknown, deps: ApiDeps, res: Response): ApiHttpError {
  if (error instanceof ApiHttpError) return error;
  deps.logger.error({ err: error, requestId: res.locals.requestId }, 'unhandled API error');
  return new ApiHttpError(500, ApiErrorCode.internal, 'internal error');
}

async function check(
  deps: ApiDeps,
  res: Response,
  devices: Parameters<typeof checkAndRecordConnections>[1],
): Promise<ConnectionCheckReport> {
  const total = devices.length;
  const every = Math.max(1, Math.ceil(total / CONNECT_PROGRESS_STEPS));
  const onChecked = (checked: number): void => {
    if (checked % every === 0 || checked === total) {
      writeLine(res, { type: 'progress', phase: 'connect', checked, total });
    }
  };
  return checkAndRecordConnections(deps, devices, onChecked);
}

/**
 * `POST /devices/import` with `Accept: application/x-ndjson`: the same import, reported as a
 * stream of lines: `start`, `progress` (`phase: "parse"` with `rows` every 1,000 rows and at
 * the end; `phase: "connect"` with `checked`/`total` under `validate=connect`), then one
 * `complete` (the JSON route's body) or one `error` (`status` and `{code,message,details}` as
 * the JSON route would have answered). Problems found before the body is read (auth, query,
 * declared size) are plain HTTP errors instead.
 */
export async function streamImport(
  req: Request,
  res: Response,
  deps: ApiDeps,
  query: ImportQuery,
): Promise<void> {
  refuseDeclaredTooLarge(req, deps);
  openNdjson(res);
  writeLine(res, { type: 'start', ...query });
  try {
    const { outcome, devices } = await runImport(req, res, deps, query, (rows) =>
      writeLine(res, { type: 'progress', phase: 'parse', rows }),
    );
    const connection = query.validate === 'connect' ? await check(deps, res, devices) : undefined;
    writeLine(res, { type: 'complete', ...outcome, ...(connection && { connection }) });
  } catch (error) {
    const known = asApiError(error, deps, res);
    const { code, message, details } = known;
    writeLine(res, {
      type: 'error',
      status: known.status,
      error: { code, message, ...(details && { details }) },
    });
  } finally {
    res.end();
  }
}
