import { windowText, type JobWindow } from './job-window-view';

/** The four-eyes fields of a job as the API gives it (any job view). */
export interface JobApproval {
  /** `pending` while it waits for a second person's approval, then `approved`; else null/absent. */
  readonly approval?: 'pending' | 'approved' | null | undefined;
  /** Who approved it, once approved. */
  readonly approved_by?: string | null | undefined;
}

/** Whether a job waits for someone other than its submitter to approve it. */
export function awaitsApproval(job: JobApproval): boolean {
  return job.approval === 'pending';
}

/** A job's approval in words: `awaits approval`, `approved by NAME`; '' when none was needed. */
export function approvalText(job: JobApproval): string {
  if (job.approval === 'pending') return 'awaits approval';
  if (job.approval === 'approved')
    return job.approved_by ? `approved by ${job.approved_by}` : 'approved';
  return '';
}

/** The approval fields a job has, for `--json` output (absent rather than null). */
export function approvalFields(job: JobApproval): {
  approval?: 'pending' | 'approved';
  approved_by?: string;
} {
  return {
    ...(job.approval && { approval: job.approval }),
    ...(job.approved_by && { approved_by: job.approved_by }),
  };
}

/**
 * What a job waited for or waits for before it touches a device: its approval, then its change
 * window (as {@link windowText}, each time as `time` writes it); '' without either.
 */
export function approvalAndWindowText(
  job: JobWindow & JobApproval,
  time?: (iso: string) => string,
): string {
  return [approvalText(job), windowText(job, time)].filter((part) => part !== '').join(', ');
}
