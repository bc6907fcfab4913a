/** What an operator reads about a job's end, keyed by the reason the end carries. */
const REASONS: Readonly<Record<string, string>> = {
  canary_failed: 'the canary failed, so no other device was started',
  budget_exceeded: 'a wave spent its failure budget; the devices not yet started were skipped',
  cancelled: 'the devices not yet started were skipped',
};

/** A job's end reason in words (an unknown reason as it is). */
export function reasonText(reason: string): string {
  return REASONS[reason] ?? reason;
}

/**
 * The sentence the monitor shows when a job failed or was cancelled. The reason is the skip
 * reason of the devices the job never started (`canary_failed`, …): shown in words, and never
 * repeating the status (`cancelled: cancelled`).
 */
export function jobOutcomeText(status: string, reason: string | undefined): string {
  return reason ? `Job ${status}: ${reasonText(reason)}` : `Job ${status}`;
}

/**
 * The state a wave's badge shows: a wave the run has not completed is as far as the job got
 * (paused, failed, cancelled); it is never left `running` once the job has stopped.
 */
export function waveBadgeState(phase: string, jobStatus: string): string {
  if (phase === 'completed') return 'completed';
  if (jobStatus === 'paused' || jobStatus === 'failed' || jobStatus === 'cancelled')
    return jobStatus;
  return 'running';
}

/** Why a device was never started, by its skip reason. */
const SKIPS: Readonly<Record<string, string>> = {
  canary_failed: 'Not started: the canary failed.',
  budget_exceeded: "Not started: a wave spent the job's failure budget.",
  cancelled: 'Not started: the job was cancelled.',
  not_in_scope: 'Not changed: the job applied its commands to the canary only.',
};

/** The sentence a skipped device's panel shows (an unknown reason as it is). */
export function skipReasonText(reason: string): string {
  return SKIPS[reason] ?? `Skipped: ${reason}`;
}
