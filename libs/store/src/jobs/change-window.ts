import type { JobSubmission, Problem } from '@fleetpush/contracts';

/** Furthest ahead a job may be scheduled: a year and a day (an annual window, with slack). */
export const MAX_SCHEDULE_AHEAD_MS = 366 * 24 * 3_600_000;

/** A submission's change window as instants; `startAt` only when it lies ahead of `now`. */
export interface PlannedWindow {
  readonly startAt?: Date;
  readonly endAt?: Date;
}

/**
 * Checks a submission's change window against the clock: a window that has already closed, or
 * a start more than {@link MAX_SCHEDULE_AHEAD_MS} ahead, is refused; a start already past means
 * "start now".
 */
export function planWindow(
  submission: JobSubmission,
  now: Date,
): { window: PlannedWindow; problems: Problem[] } {
  const w = submission.window;
  if (!w) return { window: {}, problems: [] };
  const problems: Problem[] = [];
  const startAt = w.start_at !== undefined ? new Date(w.start_at) : undefined;
  const endAt = w.end_at !== undefined ? new Date(w.end_at) : undefined;
  if (endAt && endAt.getTime() <= now.getTime()) {
    problems.push({
      path: 'window.end_at',
      message: `the window closed at ${endAt.toISOString()}, before now (${now.toISOString()})`,
    });
  }
  if (startAt && startAt.getTime() - now.getTime() > MAX_SCHEDULE_AHEAD_MS) {
    problems.push({
      path: 'window.start_at',
      message: 'a job may be scheduled at most 366 days ahead',
    });
  }
  const window: PlannedWindow = {
    ...(startAt && startAt.getTime() > now.getTime() ? { startAt } : {}),
    ...(endAt ? { endAt } : {}),
  };
  return { window, problems };
}
