import { isTerminalJobState, type JobState } from '@fleetpush/domain';
import { releaseHeldJob, type JobRecord, type TokenPrincipal } from '@fleetpush/store';
import { Router, type Response } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../api-deps';
import { audit } from '../audit-trail';
import { principalOf, requireRole } from '../auth';
import { requireContentType } from '../body-guards';
import { onClientGone } from '../client-gone';
import { ApiErrorCode, ApiHttpError } from '../errors';
import { jobDetail, toJobView } from '../job-view';
import { parseOr400 } from '../validate';
import { jobResultBody, recordOr404 } from './job-read-routes';
import { PRODUCTION_ROLE } from './job-submit-route';

/** Longest `?wait`: five minutes, under common proxy and load-balancer idle timeouts. */
export const MAX_WAIT_SECONDS = 300;
/** How often a waiting `/run` reads the job's status: cheap (one HGET) and prompt enough. */
const POLL_MS = 200;

/** The query of `POST /jobs/{id}/run`. */
export const runQuerySchema = z.object({
  wait: z.coerce.number().int().min(0).max(MAX_WAIT_SECONDS).default(0),
});

export function invalidState(status: string, why: string): ApiHttpError {
  return new ApiHttpError(409, ApiErrorCode.invalidState, why, {
    details: [{ path: 'status', message: status }],
  });
}

/** 403 when a held job reaches production devices and the principal may not change them. */
export async function checkProduction(
  deps: ApiDeps,
  id: string,
  principal: TokenPrincipal,
): Promise<void> {
  if (principal.role === PRODUCTION_ROLE) return;
  const tasks = await deps.redis.hvals(deps.keys.job(id).deviceTasks);
  if (!tasks.some((t) => (JSON.parse(t) as { prod?: boolean }).prod === true)) return;
  throw new ApiHttpError(
    403,
    ApiErrorCode.forbidden,
    `this job targets production devices: starting it needs the ${PRODUCTION_ROLE} role`,
  );
}

/**
 * Starts a held (or scheduled) job: takes it out of waiting (`releaseHeldJob`: of two callers,
 * one), then starts the run and enqueues its first devices.
 */
export async function startHeld(deps: ApiDeps, id: string, actor: string): Promise<void> {
  const status = (await deps.reader.record(id))?.status ?? 'missing';
  if (!(await releaseHeldJob(deps.redis, deps.keys, id))) {
    throw invalidState(
      status,
      `job ${id} is ${status}: only a job submitted with start=false or a later window.start_at can be run, once`,
    );
  }
  const dispatch = await deps.coordinator.start(id, actor);
  if (dispatch === null) {
    const now = (await deps.reader.record(id))?.status ?? 'missing';
    throw invalidState(now, `job ${id} is ${now} and cannot start`);
  }
  await deps.queue.enqueue(dispatch.map((d) => ({ jobId: id, runId: id, ...d })));
}

/** Waits until the job is terminal, the deadline passes or the client goes away. */
async function waitForEnd(
  deps: ApiDeps,
  id: string,
  seconds: number,
  res: Response,
): Promise<boolean> {
  const deadline = Date.now() + seconds * 1000;
  let gone = false;
  const stopWatching = onClientGone(res, () => (gone = true));
  try {
    for (;;) {
      const status = (await deps.redis.hget(deps.keys.job(id).record, 'status')) as JobState | null;
      if (status !== null && isTerminalJobState(status)) return true;
      if (gone || Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, Math.min(POLL_MS, deadline - Date.now())));
    }
  } finally {
    stopWatching();
  }
}

/** 409 for a job that waits for a second person's approval: only `/approve` starts it. */
function refuseAwaitingApproval(id: string, record: JobRecord): void {
  if (record.approval !== 'pending') return;
  throw invalidState(
    'awaiting approval',
    `job ${id} awaits approval: someone other than ${record.actor ?? 'its submitter'} approves it (POST /jobs/${id}/approve)`,
  );
}

/**
 * The answer to a start: with `wait`, 200 with the final job and every device's result when it
 * ends in time; else 202 with the job as it is.
 */
export async function answerStarted(
  deps: ApiDeps,
  id: string,
  wait: number,
  res: Response,
): Promise<void> {
  if (wait > 0 && (await waitForEnd(deps, id, wait, res))) {
    const record = await recordOr404(deps, id);
    res.status(200).json({
      ...(await jobResultBody(deps, record)),
      job: await jobDetail(deps.reader, record),
    });
    return;
  }
  res.status(202).json({ job: toJobView(await recordOr404(deps, id)) });
}

/**
 * `POST /jobs/{id}/run[?wait=SECONDS]` (operator): starts a job stored with `start=false`, or
 * a scheduled one (`window.start_at` ahead) before its time (202 with the job; 409 `invalid_state` when it was started or ended already). With `wait`
 * (≤ 300), answers 200 with the final job and every device's result if it ends in time, else
 * 202 with its current state.
 */
export function jobRunRoute(deps: ApiDeps): Router {
  const router = Router();
  router.post(
    '/jobs/:id/run',
    requireRole('operator'),
    requireContentType('application/json'),
    async (req, res) => {
      const id = req.params.id as string;
      const { wait } = parseOr400(runQuerySchema, req.query, 'query');
      refuseAwaitingApproval(id, await recordOr404(deps, id));
      const principal = principalOf(res);
      await checkProduction(deps, id, principal);
      await startHeld(deps, id, principal.name);
      await audit(deps, res, 'job:started', id, { wait });
      await answerStarted(deps, id, wait, res);
    },
  );
  return router;
}
