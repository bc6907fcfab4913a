import { deviceLeftChanged, undoRequestSchema } from '@fleetpush/contracts';
import { Router } from 'express';
import type { ApiDeps } from '../api-deps';
import { requireRole } from '../auth';
import { requireContentType } from '../body-guards';
import { ApiErrorCode, ApiHttpError } from '../errors';
import { submissionLimiter } from '../rate-limits';
import { undoableSubmission, undoSubmission } from '../undo-submission';
import { parseOr400 } from '../validate';
import { endedJobOr409, keysOf, launchFollowUp } from './follow-up';

/**
 * `POST /jobs/{id}/undo`: a new job that runs an ended job's `rollback_commands` on the devices
 * it changed (and did not already roll back), in waves like any job (201), audited with the job
 * it undoes. 409 while the job has not ended, when it has no rollback commands, or when it
 * changed no device.
 */
export function jobUndoRoute(deps: ApiDeps): Router {
  const router = Router();
  router.post(
    '/jobs/:id/undo',
    requireRole('operator'),
    submissionLimiter(deps.limits),
    requireContentType('application/json'),
    async (req, res) => {
      const id = req.params.id as string;
      const choice = parseOr400(undoRequestSchema, req.body ?? {});
      const record = await endedJobOr409(deps, id, 'undo');
      const stored = undoableSubmission(id, JSON.parse(record.spec ?? 'null'));
      const targets = await keysOf(deps, id, await deps.reader.devicesWhose(id, deviceLeftChanged));
      if (targets.length === 0)
        throw new ApiHttpError(
          409,
          ApiErrorCode.invalidState,
          `job ${id} left no device changed: nothing to undo`,
        );
      const submission = undoSubmission(id, stored, targets, choice);
      await launchFollowUp(deps, req, res, submission, { name: 'undo_of', jobId: id });
    },
  );
  return router;
}
