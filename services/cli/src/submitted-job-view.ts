import type { JobView } from '@fleetpush/contracts';
import { approvalFields, awaitsApproval } from './job-approval-view';
import { scheduledStart, timeUntil, windowFields } from './job-window-view';

/** What the headline calls a job: held for approval, scheduled, or `verb` (submitted, started). */
function stateWord(job: JobView, verb: string, start: string | undefined): string {
  if (awaitsApproval(job)) return 'awaits approval';
  return start === undefined ? verb : 'scheduled';
}

/**
 * The line that says what became of a job just submitted or started: `job ID submitted: 4
 * devices, canary KEY` (`verb` in place of submitted), or for a job waiting for its scheduled
 * start `job ID scheduled: …, starts at TIME (in 2h 0m)`; then its window's end, if any. A job
 * the approval policy holds `awaits approval`, and the line ends with who approves it, and how.
 */
export function submittedHeadline(job: JobView, verb: string, now: Date): string {
  const what = `${job.targets} devices, canary ${job.canary}`;
  const start = scheduledStart(job);
  const when =
    start === undefined
      ? ''
      : `, starts at ${start} (in ${timeUntil(Date.parse(start) - now.getTime())})`;
  const closes = job.end_at ? `, window closes ${job.end_at}` : '';
  const approve = awaitsApproval(job)
    ? `; someone other than you approves it: fleetpush jobs approve ${job.id}`
    : '';
  return `job ${job.id} ${stateWord(job, verb, start)}: ${what}${when}${closes}${approve}`;
}

/**
 * What to do next with a job just submitted or started (without `--wait`): follow it, and, when
 * it waits for its scheduled start (approved, or none needed), start it now. One line each.
 */
export function nextSteps(job: JobView): string {
  const follow = `follow it: fleetpush jobs watch ${job.id}\n`;
  const startable = scheduledStart(job) !== undefined && !awaitsApproval(job);
  return startable ? `${follow}start it now: fleetpush jobs start ${job.id}\n` : follow;
}

/** The `--json` object of a job just submitted or started (without `--wait`). */
export function submittedJson(job: JobView): object {
  return {
    id: job.id,
    status: job.status,
    targets: job.targets,
    ...windowFields(job),
    ...approvalFields(job),
  };
}
