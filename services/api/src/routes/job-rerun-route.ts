import { randomUUID } from 'node:crypto';
import { rerunRequestSchema } from '@fleetpush/contracts';
import { TERMINAL_JOB_STATES, type JobState } from '@fleetpush/domain';
import { Router } from 'express';
import type { ApiDeps } from '../api-deps';
import { audit } from '../audit-trail';
import { principalOf, requireRole } from '../auth';
import { requireContentType } from '../body-guards';
import { ApiErrorCode, ApiHttpError } from '../errors';
import { submissionLimiter } from '../rate-limits';
import { nothingToRerun, rerunKeys, rerunSubmission } from '../rerun-submission';
import { parseOr400 } from '../validate';
import { recordOr404 } from './job-read-routes';
import { submit } from './job-submit-route';

/**
 * `POST /jobs/{id}/rerun`: an ended job's change again, as a new job on its devices that failed
 * (or did not succeed): planned, checked and started as any submission (201), audited with the
 * job it reruns. 409 while the job has not ended, or when no device qualifies.
 */
export function jobRerunRoute(deps: ApiDeps): Router {
  const router = Router();
  router.post(
    '/jobs/:id/rerun',
    requireRole('operator'),
    submissionLimiter(deps.limits),
    requireContentType('application/json'),
    async (req, res) => {
      const id = req.params.id as string;
      const choice = parseOr400(rerunRequestSchema, req.body ?? {});
      const record = await recordOr404(deps, id);
      const status = record.status ?? '';
      if (!TERMINAL_JOB_STATES.has(status as JobState))
        throw new ApiHttpError(
          409,
          ApiErrorCode.invalidState,
          `job ${id} is ${status}: rerun it once it has ended`,
        );
      const [states, keys] = await Promise.all([
        deps.reader.deviceStates(id),
        deps.redis.hgetall(deps.keys.job(id).deviceKeys),
      ]);
      const targets = rerunKeys(states, keys, choice.devices);
      if (targets.length === 0) throw nothingToRerun(id, choice.devices);
      const submission = rerunSubmission(id, JSON.parse(record.spec ?? 'null'), targets, choice);
      const newId = randomUUID();
      const body = await submit(deps, principalOf(res), submission, newId, true);
      await audit(deps, res, 'job:submitted', newId, {
        name: submission.name,
        selectors: targets.length,
        started: true,
        rerun_of: id,
      });
      res.status(201).json({ ...body, rerun_of: id });
    },
  );
  return router;
}
