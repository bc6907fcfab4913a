import { randomUUID } from 'node:crypto';
import type { AuditEntry, JobSubmission, StoredDevice } from '@fleetpush/contracts';
import {
  createJob,
  planJob,
  resolveTargets,
  type PlannedJob,
  type TokenPrincipal,
} from '@fleetpush/store';
import type { Response } from 'express';
import type { ApiDeps } from './api-deps';
import { audit } from './audit-trail';
import { principalOf } from './auth';
import { needsApproval } from './approval-policy';
import { ApiErrorCode, ApiHttpError } from './errors';
import {
  submissionFingerprint,
  type IdempotencyKeys,
  type IdempotentSubmission,
} from './idempotency';
import { toJobView } from './job-view';

/**
 * The role allowed to change production devices. Operators run the everyday fleet; a change
 * that reaches a `prod` device also needs an admin's token (and `confirm_prod: true`).
 */
export const PRODUCTION_ROLE = 'admin';

/** 403 when the targets include production devices and the principal may not change them. */
export function checkProduction(
  principal: TokenPrincipal,
  targeted: readonly StoredDevice[],
): void {
  if (principal.role === PRODUCTION_ROLE) return;
  const prod = targeted.filter((d) => d.prod);
  if (prod.length === 0) return;
  throw new ApiHttpError(
    403,
    ApiErrorCode.forbidden,
    `${prod.length} production device(s) targeted: changing production needs the ${PRODUCTION_ROLE} role`,
  );
}

export async function plan(
  deps: ApiDeps,
  principal: TokenPrincipal,
  submission: JobSubmission,
  id: string,
): Promise<PlannedJob> {
  const inventory = await deps.inventory.all();
  const targeted = resolveTargets(submission.targets, inventory).devices;
  checkProduction(principal, targeted);
  const planned = planJob({
    id,
    actor: principal.name,
    now: deps.now?.() ?? new Date(),
    submission,
    inventory,
  });
  if (planned.ok) return planned.value;
  throw new ApiHttpError(400, ApiErrorCode.jobRefused, 'the job was refused; nothing was stored', {
    details: planned.problems,
  });
}

/**
 * Stores the planned job and, unless held, scheduled or waiting for approval, starts its run
 * and enqueues the devices the start dispatches. A held job waits `queued` for
 * `POST /jobs/{id}/run`; a scheduled one (`window.start_at` ahead) for its time, when a worker
 * starts it; one the approval policy covers for `POST /jobs/{id}/approve`.
 */
async function launch(
  deps: ApiDeps,
  planned: PlannedJob,
  actor: string,
  start: boolean,
): Promise<void> {
  const awaitingApproval = needsApproval(deps.approvalPolicy ?? 'none', {
    dryRun: (planned.job.spec as JobSubmission).dry_run,
    reachesProduction: planned.prodDevices.length > 0,
  });
  await createJob(deps.redis, deps.keys, { ...planned.job, held: !start, awaitingApproval });
  if (!start || planned.job.startAt || awaitingApproval) return;
  const dispatch = (await deps.coordinator.start(planned.job.id, actor)) ?? [];
  const id = planned.job.id;
  await deps.queue.enqueue(dispatch.map((d) => ({ jobId: id, runId: id, ...d })));
}

/**
 * The first job of a retried submission: 200 with it; 409 when the key was used for another
 * submission, or while the first one is still being stored.
 */
async function replay(
  deps: ApiDeps,
  first: IdempotentSubmission,
  fingerprint: string,
): Promise<object> {
  if (first.fingerprint !== fingerprint) {
    throw new ApiHttpError(
      409,
      ApiErrorCode.conflict,
      'this Idempotency-Key was used for another submission',
    );
  }
  const record = await deps.reader.record(first.jobId);
  if (!record) {
    throw new ApiHttpError(
      409,
      ApiErrorCode.conflict,
      'a submission with this Idempotency-Key is in progress',
    );
  }
  return { job: toJobView(record), replayed: true };
}

/** Plans, stores, starts and enqueues the job; the 201 body. */
async function submit(
  deps: ApiDeps,
  principal: TokenPrincipal,
  submission: JobSubmission,
  id: string,
  start: boolean,
): Promise<object> {
  const planned = await plan(deps, principal, submission, id);
  await launch(deps, planned, principal.name, start);
  const record = await deps.reader.record(id);
  return {
    job: record ? toJobView(record) : { id },
    warnings: planned.warnings,
    prod_devices: planned.prodDevices,
  };
}

/** What {@link submitOnce} answers. */
export interface SubmitAnswer {
  /** 201: a new job; 200: a retried `Idempotency-Key`'s first job (`replayed: true`). */
  readonly status: 200 | 201;
  readonly body: object;
}

/**
 * Submits a job once per `Idempotency-Key` (when one is given): a retry with the same key and
 * submission returns the first job (200), the same key with another submission is 409, and a
 * submission that stored nothing frees its key. A new job is audited as `job:submitted` with
 * `details`.
 */
export async function submitOnce(
  deps: ApiDeps,
  res: Response,
  idempotency: { readonly keys: IdempotencyKeys; readonly key: string | undefined },
  submission: JobSubmission,
  start: boolean,
  details: AuditEntry['details'],
): Promise<SubmitAnswer> {
  const principal = principalOf(res);
  const { key, keys } = idempotency;
  const reservation = { jobId: randomUUID(), fingerprint: submissionFingerprint(submission) };
  if (key !== undefined) {
    const first = await keys.reserve(principal.id, key, reservation);
    if (first !== null)
      return { status: 200, body: await replay(deps, first, reservation.fingerprint) };
  }
  try {
    const body = await submit(deps, principal, submission, reservation.jobId, start);
    await audit(deps, res, 'job:submitted', reservation.jobId, details);
    return { status: 201, body };
  } catch (error) {
    const stored = await deps.reader.record(reservation.jobId).catch(() => 'unknown');
    if (key !== undefined && stored === null) await keys.release(principal.id, key, reservation);
    throw error;
  }
}
