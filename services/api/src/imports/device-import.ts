import type { NewDevice } from '@fleetpush/contracts';
import {
  HEADER_PROBLEM,
  ImportReadError,
  ImportTooLargeError,
  MAX_IMPORT_BYTES,
  devicesToStore,
  importDevices,
  type ImportResult,
} from '@fleetpush/inventory';
import type { Request, Response } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../api-deps';
import { ApiErrorCode, ApiHttpError } from '../errors';
import { requestBody } from './request-body';
import { audit } from '../audit-trail';

const booleanParam = z.enum(['true', 'false']).transform((s) => s === 'true');

/** The query of `POST /devices/import`. */
export const importQuerySchema = z.object({
  mode: z.enum(['replace', 'merge']).default('replace'),
  partial: booleanParam.default(false),
  /** `connect`: after storing, log in to each imported device and report (see README). */
  validate: z.enum(['none', 'connect']).default('none'),
});

/** A parsed import query. */
export type ImportQuery = z.output<typeof importQuerySchema>;

/** What an import stored, and the rows it did not. The JSON route's 200 body (less any check). */
export interface ImportOutcome {
  readonly mode: ImportQuery['mode'];
  readonly total: number;
  readonly imported: number;
  readonly created: number;
  readonly updated: number;
  /** Devices a replace deleted (in the inventory, not in the CSV); 0 for a merge. */
  readonly removed: number;
  readonly rejected: ImportResult['rejected'];
}

/** Rejected rows as error details: one problem per cell at fault, with its line number. */
function rejectedDetails(result: ImportResult): { path: string; message: string; row: number }[] {
  return result.rejected.flatMap((row) =>
    row.problems.map((p) => ({ path: p.column, message: p.message, row: row.line })),
  );
}

function tooLarge(max: number, unit: string): ApiHttpError {
  return new ApiHttpError(
    413,
    ApiErrorCode.tooLarge,
    `the CSV is larger than the limit of ${max} ${unit}`,
  );
}

/** 413 up front when the declared body length is past the limit (nothing is read). */
export function refuseDeclaredTooLarge(req: Request, deps: ApiDeps): void {
  const maxBytes = deps.limits?.importBytes ?? MAX_IMPORT_BYTES;
  if (Number(req.get('content-length') ?? 0) > maxBytes) throw tooLarge(maxBytes, 'bytes');
}

async function readImport(
  req: Request,
  res: Response,
  deps: ApiDeps,
  onProgress?: (rows: number) => void,
): Promise<ImportResult> {
  refuseDeclaredTooLarge(req, deps);
  const maxBytes = deps.limits?.importBytes ?? MAX_IMPORT_BYTES;
  const body = requestBody(req, res);
  try {
    return await importDevices(body, { secrets: deps.secretBox, maxBytes, onProgress });
  } catch (error) {
    if (error instanceof ImportTooLargeError) throw tooLarge(error.max, error.limit);
    if (error instanceof ImportReadError) {
      throw new ApiHttpError(400, ApiErrorCode.validation, 'the CSV body could not be read');
    }
    throw error;
  } finally {
    // Tell the client up front that this connection ends after the answer.
    if (!req.complete && !res.headersSent) res.setHeader('Connection', 'close');
  }
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

/**
 * Reads the CSV body (streamed, `onProgress` with the rows parsed so far), refuses it with an
 * {@link ApiHttpError} (400 rows, 413 size) or stores it (replace or merge). Resolves with the
 * outcome and the devices stored, which a connection check then visits.
 */
export async function runImport(
  req: Request,
  res: Response,
  deps: ApiDeps,
  query: ImportQuery,
  onProgress?: (rows: number) => void,
): Promise<{ outcome: ImportOutcome; devices: readonly NewDevice[] }> {
  const result = await readImport(req, res, deps, onProgress);
  refuseIfRejected(result, query.partial);
  const devices = devicesToStore(result, query.partial);
  const { created, updated, removed } =
    query.mode === 'merge'
      ? { ...(await deps.inventory.merge(devices)), removed: 0 }
      : await deps.inventory.replaceAll(devices);
  await audit(deps, res, 'devices:imported', 'inventory', {
    mode: query.mode,
    imported: devices.length,
    created,
    updated,
    removed,
    rejected: result.rejected.length,
  });
  const outcome = {
    mode: query.mode,
    total: result.total,
    imported: devices.length,
    created,
    updated,
    removed,
    rejected: result.rejected,
  };
  return { outcome, devices };
}
