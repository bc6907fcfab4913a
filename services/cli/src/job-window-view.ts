/** The change-window fields of a job as the API gives it (any job view). */
export interface JobWindow {
  readonly status: string;
  /** When a scheduled job starts by itself; null or absent when it was not scheduled. */
  readonly start_at?: string | null | undefined;
  /** When its change window closes; null or absent without one. */
  readonly end_at?: string | null | undefined;
}

/** A job's start time while it waits `queued` for it; undefined once started or unscheduled. */
export function scheduledStart(job: JobWindow): string | undefined {
  return job.status === 'queued' && job.start_at ? job.start_at : undefined;
}

/**
 * A job's change window in words: `scheduled: starts TIME` while it waits for its start,
 * `window closes TIME` when it has an end; each time as `time` writes it; '' without either.
 */
export function windowText(job: JobWindow, time: (iso: string) => string = (iso) => iso): string {
  const start = scheduledStart(job);
  const parts = [
    ...(start === undefined ? [] : [`scheduled: starts ${time(start)}`]),
    ...(job.end_at ? [`window closes ${time(job.end_at)}`] : []),
  ];
  return parts.join(', ');
}

/** The window fields a job has, for `--json` output (absent rather than null). */
export function windowFields(job: JobWindow): { start_at?: string; end_at?: string } {
  return {
    ...(job.start_at && { start_at: job.start_at }),
    ...(job.end_at && { end_at: job.end_at }),
  };
}

/** How long until a time ahead, to the minute rounded up: `45m`, `2h 0m`, `3d 4h`. */
export function timeUntil(ms: number): string {
  const minutes = Math.max(0, Math.ceil(ms / 60_000));
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}h ${minutes % 60}m`;
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}
