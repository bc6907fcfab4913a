import type { JobView } from '@fleetpush/contracts';
import { scheduledStart, timeUntil, windowFields } from './job-window-view';

/**
 * The line that says what became of a job just submitted or started: `job ID submitted: 4
 * devices, canary KEY` (`verb` in place of submitted), or for a job waiting for its scheduled
 * start `job ID scheduled: …, starts at TIME (in 2h 0m)`; then its window's end, if any.
 */
export function submittedHeadline(job: JobView, verb: string, now: Date): string {
  const what = `${job.targets} devices, canary ${job.canary}`;
  const start = scheduledStart(job);
  const head =
    start === undefined
      ? `job ${job.id} ${verb}: ${what}`
      : `job ${job.id} scheduled: ${what}, starts at ${start} (in ${timeUntil(Date.parse(start) - now.getTime())})`;
  return job.end_at ? `${head}, window closes ${job.end_at}` : head;
}

/** The `--json` object of a job just submitted or started (without `--wait`). */
export function submittedJson(job: JobView): object {
  return { id: job.id, status: job.status, targets: job.targets, ...windowFields(job) };
}
