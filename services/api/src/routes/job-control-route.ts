import { CONTROL_ACTIONS, controlRequestSchema, type ControlAction } from '@fleetpush/contracts';
import { releaseHeldJob, type JobRecord } from '@fleetpush/store';
import { Router } from 'express';
import type { ApiDeps } from '../api-deps';
import { audit } from '../audit-trail';
import { principalOf, requireRole } from '../auth';
import { requireContentType } from '../body-guards';
import { ApiErrorCode, ApiHttpError } from '../errors';
import { parseOr400 } from '../validate';
import { recordOr404 } from './job-read-routes';

const ACTIONS: ReadonlySet<string> = new Set(CONTROL_ACTIONS);

/**
 * 403 when the submitter of a job the approval policy held resumes it from its hold after the
 * canary: that resume is the approval of the fan-out, and, like the job's own, it is someone
 * else's to give (four eyes). Other pauses and every stop stay the submitter's too.
 */
async function refuseSelfApprovedCanary(
  deps: ApiDeps,
  id: string,
  record: JobRecord,
  actor: string,
): Promise<void> {
  if (!record.approval || record.actor !== actor) return;
  if ((await deps.reader.run(id)).awaitingApproval !== '1') return;
  throw new ApiHttpError(
    403,
    ApiErrorCode.forbidden,
    `the fan-out after the canary is approved by someone other than ${actor}, as the job was (four eyes)`,
  );
}

/**
 * `POST /jobs/:id/<pause|resume|cancel|terminate>` (operator): applies the action (409 with
 * the current status when the job's state does not allow it; 200 `changed: false` when it is
 * in that state already) and enqueues the devices a `resume` dispatches.
 */
export function jobControlRoute(deps: ApiDeps): Router {
  const router = Router();
  router.post(
    '/jobs/:id/:action',
    requireRole('operator'),
    requireContentType('application/json'),
    async (req, res, next) => {
      const action = req.params.action as string;
      if (!ACTIONS.has(action)) {
        next();
        return;
      }
      const id = req.params.id as string;
      const body = parseOr400(controlRequestSchema, req.body ?? {});
      const record = await recordOr404(deps, id);
      const actor = principalOf(res).name;
      if (action === 'resume') await refuseSelfApprovedCanary(deps, id, record, actor);
      const reply = await deps.coordinator.control(id, action as ControlAction, actor, body.reason);
      if (reply.kind === 'invalid') {
        throw new ApiHttpError(
          409,
          ApiErrorCode.invalidState,
          `cannot ${action} a job that is ${reply.status}`,
          {
            details: [{ path: 'status', message: reply.status }],
          },
        );
      }
      if (reply.kind === 'ok') {
        // A held (or scheduled) job cancelled before it was run no longer waits to start: a
        // worker's reconciler finishes it as any other (its webhook, then off the active set).
        await releaseHeldJob(deps.redis, deps.keys, id);
        await deps.queue.enqueue(reply.dispatch.map((d) => ({ jobId: id, runId: id, ...d })));
      }
      await audit(deps, res, 'job:controlled', id, {
        action,
        status: reply.status,
        changed: reply.kind === 'ok',
        reason: body.reason ?? null,
      });
      res.json({ id, action, status: reply.status, changed: reply.kind === 'ok' });
    },
  );
  return router;
}
