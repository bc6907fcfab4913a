import { endReasonText, skipReasonText } from '@fleetpush/contracts';

/** A job's end reason in words (an unknown reason as it is): the words the CLI uses too. */
export function reasonText(reason: string): string {
  return endReasonText(reason);
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

/** The sentence a skipped device's panel shows: the shared words for its reason, as a sentence. */
export function skipReasonSentence(reason: string): string {
  const text = skipReasonText(reason);
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}
