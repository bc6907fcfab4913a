/** What the review's submit button is about to do. */
export interface SubmitIntent {
  /** The request is on its way. */
  readonly busy: boolean;
  readonly devices: number;
  /** The change window starts later: the server stores the job and starts it then. */
  readonly later: boolean;
  /** The approval policy holds the job until someone else approves it. */
  readonly held: boolean;
}

/**
 * "Run on 3 devices"; "Schedule on 3 devices" for a job that starts later; "Submit for
 * approval" for one the approval policy holds (submitting starts nothing then).
 */
export function submitLabel({ busy, devices, later, held }: SubmitIntent): string {
  if (held) return busy ? 'Submitting…' : 'Submit for approval';
  if (busy) return later ? 'Scheduling…' : 'Starting…';
  return `${later ? 'Schedule' : 'Run'} on ${devices} device${devices === 1 ? '' : 's'}`;
}
