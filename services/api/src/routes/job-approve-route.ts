import { approveJob } from '@fleetpush/store';
import { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../api-deps';
import { audit } from '../audit-trail';
import { principalOf, requireRole } from '../auth';
import { requireContentType } from '../body-guards';
import { ApiErrorCode, ApiHttpError } from '../errors';
import { toJobView } from '../job-view';
import { parseOr400 } from '../validate';
import { recordOr404 } from './job-read-routes';
import {
  answerStarted,
  checkProduction,
  invalidState,
  runQuerySchema,
  startHeld,
} from './job-run-route';

/** The body of `POST /jobs/{id}/approve`: an optional note for the audit log. */
export const approveRequestSchema = z
  .object({ comment: z.string().trim().max(500).optional() })
  .strict();

/**
 * `POST /jobs/{id}/approve[?wait=SECONDS]` (operator; admin for a job that reaches production):
 * the second person's approval of a job the approval policy holds. The submitter may not
 * approve their own job (403). An approved job starts at once (202, or 200 with `wait` as for
 * `/run`), or, when its change window opens later, is scheduled (202 with the job). Audited as
 * `job:approved`. 409 when the job does not wait for an approval (any more).
 */
export function jobApproveRoute(deps: ApiDeps): Router {
  const router = Router();
  router.post(
    '/jobs/:id/approve',
    requireRole('operator'),
    requireContentType('application/json'),
    async (req, res) => {
      const id = req.params.id as string;
      const { wait } = parseOr400(runQuerySchema, req.query, 'query');
      const { comment } = parseOr400(approveRequestSchema, req.body ?? {});
      const record = await recordOr404(deps, id);
      const principal = principalOf(res);
      if (record.approval !== 'pending') {
        const status = record.approval === 'approved' ? 'approved' : (record.status ?? 'missing');
        throw invalidState(status, `job ${id} does not await approval (${status})`);
      }
      if (principal.name === record.actor) {
        throw new ApiHttpError(
          403,
          ApiErrorCode.forbidden,
          `a job's submitter cannot approve it: someone other than ${principal.name} must (four eyes)`,
        );
      }
      await checkProduction(deps, id, principal);
      const now = deps.now?.() ?? new Date();
      const startAtMs = Date.parse(record.start_at ?? '') || 0;
      const outcome = await approveJob(deps.redis, deps.keys, id, principal.name, now, startAtMs);
      if (outcome !== 'approved' && outcome !== 'scheduled') {
        throw invalidState(outcome, `job ${id} does not await approval (${outcome})`);
      }
      await deps.events.append(id, [
        { type: 'job:approved', jobId: id, approvedBy: principal.name },
      ]);
      await audit(deps, res, 'job:approved', id, {
        comment: comment ?? null,
        scheduled: outcome === 'scheduled',
      });
      if (outcome === 'scheduled') {
        res.status(202).json({ job: toJobView(await recordOr404(deps, id)) });
        return;
      }
      await startHeld(deps, id, principal.name);
      await answerStarted(deps, id, wait, res);
    },
  );
  return router;
}
