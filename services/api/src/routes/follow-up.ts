import type { JobSubmission } from '@fleetpush/contracts';
import { TERMINAL_JOB_STATES, type JobState } from '@fleetpush/domain';
import type { JobRecord } from '@fleetpush/store';
import type { Request, Response } from 'express';
import type { ApiDeps } from '../api-deps';
import { ApiErrorCode, ApiHttpError } from '../errors';
import { IdempotencyKeys } from '../idempotency';
import { submitOnce } from '../job-submission';
import { recordOr404 } from './job-read-routes';
import { idempotencyKeyOf } from './job-submit-route';

/** The record of an ended job; 404 when unknown, 409 `invalid_state` while it has not ended. */
export async function endedJobOr409(deps: ApiDeps, id: string, action: string): Promise<JobRecord> {
  const record = await recordOr404(deps, id);
  const status = record.status ?? '';
  if (!TERMINAL_JOB_STATES.has(status as JobState))
    throw new ApiHttpError(
      409,
      ApiErrorCode.invalidState,
      `job ${id} is ${status}: ${action} it once it has ended`,
    );
  return record;
}

/** The keys of some devices of a job, in the job's order (by index). */
export async function keysOf(
  deps: ApiDeps,
  id: string,
  indexes: readonly number[],
): Promise<string[]> {
  const keys = await deps.redis.hgetall(deps.keys.job(id).deviceKeys);
  return [...indexes].sort((a, b) => a - b).flatMap((i) => (keys[i] ? [keys[i]] : []));
}

/**
 * Plans, stores and starts a follow-up job (a rerun, an undo) as any submission, once per
 * `Idempotency-Key` (a retry answers 200 with the first job), audits it as `job:submitted` with
 * the ended job's id under `link`; the answer, with that link.
 */
export async function launchFollowUp(
  deps: ApiDeps,
  req: Request,
  res: Response,
  submission: JobSubmission,
  link: { readonly name: 'rerun_of' | 'undo_of'; readonly jobId: string },
): Promise<void> {
  const keys = new IdempotencyKeys(deps.redis, deps.keys.prefix);
  const answer = await submitOnce(
    deps,
    res,
    { keys, key: idempotencyKeyOf(req) },
    submission,
    true,
    {
      name: submission.name,
      selectors: submission.targets.length,
      started: true,
      [link.name]: link.jobId,
    },
  );
  res.status(answer.status).json({ ...answer.body, [link.name]: link.jobId });
}
