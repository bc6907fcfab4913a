import { jobSubmissionSchema, type JobSubmission } from '@fleetpush/contracts';
import { ApiErrorCode, ApiHttpError } from './errors';

/** What a follow-up job (a rerun, an undo) changes in the ended job's submission. */
export interface FollowUpChanges {
  /** The new job's name, or the words put after the old name: `ntp (rerun: 2 failed)`. */
  readonly name: string | undefined;
  readonly words: string;
  /** The devices, in the old job's order. */
  readonly targets: readonly string[];
  /** Production confirmed by the caller of the follow-up (never carried over). */
  readonly confirmProd: boolean;
  /** The follow-up's own change window, if any: the ended job's was for its run only. */
  readonly window?: JobSubmission['window'];
  /** The label naming the ended job: `rerun_of`, `undo_of`. */
  readonly label: string;
  /** Fields replaced, or removed when `undefined`. */
  readonly replace?: Partial<Record<keyof JobSubmission, unknown>>;
}

/** The ended job's submission as stored; 409 when it no longer validates (an older version's). */
export function storedSubmission(jobId: string, spec: unknown): JobSubmission {
  const stored = jobSubmissionSchema.safeParse(spec);
  if (stored.success) return stored.data;
  throw new ApiHttpError(
    409,
    ApiErrorCode.conflict,
    `job ${jobId}'s stored submission no longer validates; submit the change again`,
  );
}

/**
 * A follow-up of an ended job: its submission on other targets, its canary kept when it is
 * among them (else the first of them), named after it and labelled with its id. Its change
 * window is the caller's (none: it starts now), never the ended job's.
 */
export function followUpSubmission(
  jobId: string,
  stored: JobSubmission,
  changes: FollowUpChanges,
): JobSubmission {
  const { canary, name, labels, window: _endedJobsWindow, ...rest } = stored;
  const { words, targets } = changes;
  const submission = jobSubmissionSchema.safeParse({
    ...rest,
    ...changes.replace,
    name: changes.name ?? `${name.slice(0, 200 - words.length - 3)} (${words})`,
    targets,
    ...(canary !== undefined && targets.includes(canary) && { canary }),
    confirm_prod: changes.confirmProd,
    labels: { ...labels, [changes.label]: jobId },
    ...(changes.window && { window: changes.window }),
  });
  if (submission.success) return submission.data;
  throw new ApiHttpError(
    409,
    ApiErrorCode.conflict,
    `job ${jobId} cannot be followed up as it was stored: ${submission.error.issues[0]?.message ?? 'invalid'}`,
  );
}
