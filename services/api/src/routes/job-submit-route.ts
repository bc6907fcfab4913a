import { randomUUID } from 'node:crypto';
import { jobSubmissionSchema, type JobSubmission, type StoredDevice } from '@fleetpush/contracts';
import {
  createJob,
  planJob,
  resolveTargets,
  type PlannedJob,
  type TokenPrincipal,
} from '@fleetpush/store';
import { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../api-deps';
import { audit } from '../audit-trail';
import { principalOf, requireRole } from '../auth';
import { requireContentType } from '../body-guards';
import { ApiErrorCode, ApiHttpError } from '../errors';
import {
  IdempotencyKeys,
  idempotencyKeySchema,
  submissionFingerprint,
  type IdempotentSubmission,
} from '../idempotency';
import { toJobView } from '../job-view';
import { submissionLimiter } from '../rate-limits';
import { parseOr400 } from '../validate';

/**
 * The role allowed to change production devices. Operators run the everyday fleet; a change
 * that reaches a `prod` device also needs an admin's token (and `confirm_prod: true`).
 */
export const PRODUCTION_ROLE = 'admin';

/** The query of `POST /jobs`: `start=false` stores the job without starting it. */
export const submitQuerySchema = z.object({
  start: z
    .enum(['true', 'false'])
    .transform((s) => s === 'true')
    .default(true),
});

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
 * Stores the planned job and, unless held, starts its run and enqueues the devices the start
 * dispatches. A held job waits `queued` for `POST /jobs/{id}/run`.
 */
async function launch(
  deps: ApiDeps,
  planned: PlannedJob,
  actor: string,
  start: boolean,
): Promise<void> {
  await createJob(deps.redis, deps.keys, { ...planned.job, held: !start });
  if (!start) return;
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
export async function submit(
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

/**
 * `POST /jobs`: validates, refuses production changes by a role that may not make them, plans
 * against the inventory (400 with every problem), stores, starts and enqueues (201). With an
 * `Idempotency-Key`, a retry returns the first job (200) and a failed submission that stored
 * nothing frees the key.
 */
export function jobSubmitRoute(deps: ApiDeps): Router {
  const router = Router();
  const idempotency = new IdempotencyKeys(deps.redis, deps.keys.prefix);
  const keyOf = (header: string | undefined): string | undefined =>
    header === undefined
      ? undefined
      : parseOr400(idempotencyKeySchema, header, 'Idempotency-Key header');
  router.post(
    '/jobs',
    requireRole('operator'),
    submissionLimiter(deps.limits),
    requireContentType('application/json'),
    async (req, res) => {
      const principal = principalOf(res);
      const { start } = parseOr400(submitQuerySchema, req.query, 'query');
      const submission = parseOr400(jobSubmissionSchema, req.body);
      const key = keyOf(req.get('idempotency-key'));
      const reservation = { jobId: randomUUID(), fingerprint: submissionFingerprint(submission) };
      if (key !== undefined) {
        const first = await idempotency.reserve(principal.id, key, reservation);
        if (first !== null) {
          res.status(200).json(await replay(deps, first, reservation.fingerprint));
          return;
        }
      }
      try {
        const body = await submit(deps, principal, submission, reservation.jobId, start);
        await audit(deps, res, 'job:submitted', reservation.jobId, {
          name: submission.name,
          selectors: submission.targets.length,
          started: start,
        });
        res.status(201).json(body);
      } catch (error) {
        const stored = await deps.reader.record(reservation.jobId).catch(() => 'unknown');
        if (key !== undefined && stored === null)
          await idempotency.release(principal.id, key, reservation);
        throw error;
      }
    },
  );
  return router;
}
