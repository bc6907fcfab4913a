import { problemsFromZod } from '@fleetpush/contracts';
import type { z } from 'zod';
import { ApiErrorCode, ApiHttpError } from './errors';

/**
 * Parses a request part with its schema; a mismatch becomes a 400 whose details name every
 * field at fault (`problemsFromZod`).
 */
export function parseOr400<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what = 'request body',
): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new ApiHttpError(400, ApiErrorCode.validation, `the ${what} is invalid`, {
    details: problemsFromZod(parsed.error.issues),
  });
}
