import { rerunRequestSchema } from '@fleetpush/contracts';
import { Router } from 'express';
import type { ApiDeps } from '../api-deps';
import { requireRole } from '../auth';
import { requireContentType } from '../body-guards';
import { submissionLimiter } from '../rate-limits';
import { nothingToRerun, rerunKeys, rerunSubmission } from '../rerun-submission';
import { parseOr400 } from '../validate';
import { endedJobOr409, launchFollowUp } from './follow-up';

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
      const record = await endedJobOr409(deps, id, 'rerun');
      const [states, keys] = await Promise.all([
        deps.reader.deviceStates(id),
        deps.redis.hgetall(deps.keys.job(id).deviceKeys),
      ]);
      const targets = rerunKeys(states, keys, choice.devices);
      if (targets.length === 0) throw nothingToRerun(id, choice.devices);
      const submission = rerunSubmission(id, JSON.parse(record.spec ?? 'null'), targets, choice);
      await launchFollowUp(deps, req, res, submission, { name: 'rerun_of', jobId: id });
    },
  );
  return router;
}
