import { jobSubmissionSchema } from '@fleetpush/contracts';
import { Router, type Request } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../api-deps';
import { requireRole } from '../auth';
import { requireContentType } from '../body-guards';
import { ApiErrorCode, ApiHttpError } from '../errors';
import { IdempotencyKeys, idempotencyKeySchema } from '../idempotency';
import { submitOnce } from '../job-submission';
import { submissionLimiter } from '../rate-limits';
import { parseOr400 } from '../validate';

export { PRODUCTION_ROLE } from '../job-submission';

/** The query of `POST /jobs`: `start=false` stores the job without starting it. */
export const submitQuerySchema = z.object({
  start: z
    .enum(['true', 'false'])
    .transform((s) => s === 'true')
    .default(true),
});

/** The request's `Idempotency-Key` header (400 naming it when malformed), if any. */
export function idempotencyKeyOf(req: Request): string | undefined {
  const header = req.get('idempotency-key');
  return header === undefined
    ? undefined
    : parseOr400(idempotencyKeySchema, header, 'Idempotency-Key header');
}

/**
 * `POST /jobs`: validates, refuses production changes by a role that may not make them, plans
 * against the inventory (400 with every problem), stores, starts and enqueues (201). With an
 * `Idempotency-Key`, a retry returns the first job (200) and a failed submission that stored
 * nothing frees the key.
 */
export function jobSubmitRoute(deps: ApiDeps): Router {
  const router = Router();
  const keys = new IdempotencyKeys(deps.redis, deps.keys.prefix);
  router.post(
    '/jobs',
    requireRole('operator'),
    submissionLimiter(deps.limits),
    requireContentType('application/json'),
    async (req, res) => {
      const { start } = parseOr400(submitQuerySchema, req.query, 'query');
      const submission = parseOr400(jobSubmissionSchema, req.body);
      if (!start && submission.window?.start_at !== undefined) {
        throw new ApiHttpError(400, ApiErrorCode.validation, 'the request body is invalid', {
          details: [
            {
              path: 'window.start_at',
              message:
                'start=false holds the job until it is run: give start=false or window.start_at, not both',
            },
          ],
        });
      }
      const key = idempotencyKeyOf(req);
      const answer = await submitOnce(deps, res, { keys, key }, submission, start, {
        name: submission.name,
        selectors: submission.targets.length,
        started: start,
        ...(submission.window?.start_at ? { start_at: submission.window.start_at } : {}),
        ...(submission.window?.end_at ? { end_at: submission.window.end_at } : {}),
      });
      res.status(answer.status).json(answer.body);
    },
  );
  return router;
}
