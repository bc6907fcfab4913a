import { isTerminalJobState, type JobState } from '@fleetpush/domain';
import { JobPurger } from '@fleetpush/store';
import { Router } from 'express';
import type { ApiDeps } from '../api-deps';
import { audit } from '../audit-trail';
import { requireRole } from '../auth';
import { ApiErrorCode, ApiHttpError, notFound } from '../errors';
import { recordOr404 } from './job-read-routes';

/** Why a job cannot be deleted yet, and what to do. */
function notYet(status: string): string {
  return isTerminalJobState(status as JobState)
    ? `job's end is still being recorded (webhook, active list); retry in a few seconds`
    : `job is ${status}: cancel it first`;
}

/**
 * `DELETE /jobs/:id` (admin): deletes a finished job with its results, diffs and events (204);
 * 404 for an unknown job, 409 with its status for one that has not finished (cancel it first).
 * The audit log keeps the deletion (and the job's earlier entries).
 */
export function jobDeleteRoute(deps: ApiDeps): Router {
  const router = Router();
  const purger = new JobPurger(deps.redis, deps.keys);
  router.delete('/jobs/:id', requireRole('admin'), async (req, res) => {
    const id = req.params.id as string;
    const record = await recordOr404(deps, id);
    const outcome = await purger.purge(id);
    if (outcome.kind === 'busy') {
      throw new ApiHttpError(
        409,
        ApiErrorCode.invalidState,
        `cannot delete the job yet: the ${notYet(outcome.status)}`,
        { details: [{ path: 'status', message: outcome.status }] },
      );
    }
    if (outcome.kind === 'missing') throw notFound(`job ${id}`);
    await audit(deps, res, 'job:deleted', id, {
      name: record.name ?? '',
      status: record.status ?? '',
      targets: Number(record.targets ?? 0),
    });
    res.status(204).end();
  });
  return router;
}
