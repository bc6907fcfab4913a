/**
 * The job lifecycle, as data.
 *
 * `queued → running ⇄ paused → (completed | failed | cancelled)`, and
 * `running | paused → cancelling → cancelled` while in-flight devices drain.
 * A job that is paused may still end `completed` or `failed`: pause only stops new device
 * starts, so the devices already in flight can finish the run (the seed system lost such
 * terminal transitions and left jobs stuck `paused`).
 */

/** Every state a job can be in. */
export const JobState = {
  queued: 'queued',
  running: 'running',
  paused: 'paused',
  cancelling: 'cancelling',
  completed: 'completed',
  failed: 'failed',
  cancelled: 'cancelled',
} as const;

/** A job state. */
export type JobState = (typeof JobState)[keyof typeof JobState];

/** All job states, in lifecycle order. */
export const JOB_STATES: readonly JobState[] = Object.values(JobState);

/** States from which a job never moves again. */
export const TERMINAL_JOB_STATES: ReadonlySet<JobState> = new Set<JobState>([
  JobState.completed,
  JobState.failed,
  JobState.cancelled,
]);

/** Whether a job in this state is finished for good. */
export function isTerminalJobState(state: JobState): boolean {
  return TERMINAL_JOB_STATES.has(state);
}

/** Every event that moves a job. */
export const JobEvent = {
  start: 'start',
  pause: 'pause',
  resume: 'resume',
  cancel: 'cancel',
  drained: 'drained',
  complete: 'complete',
  fail: 'fail',
} as const;

/** A job lifecycle event. */
export type JobEvent = (typeof JobEvent)[keyof typeof JobEvent];

/** All job events. */
export const JOB_EVENTS: readonly JobEvent[] = Object.values(JobEvent);

/**
 * The transition table: for each event, the states it is valid from and where it leads.
 * Anything not listed is an invalid transition.
 */
export const JOB_TRANSITIONS: Readonly<
  Record<JobEvent, Readonly<Partial<Record<JobState, JobState>>>>
> = {
  start: { queued: 'running' },
  pause: { running: 'paused' },
  resume: { paused: 'running' },
  // A queued job has nothing in flight, so it is cancelled at once; a started one drains first.
  cancel: { queued: 'cancelled', running: 'cancelling', paused: 'cancelling' },
  drained: { cancelling: 'cancelled' },
  complete: { running: 'completed', paused: 'completed' },
  fail: { queued: 'failed', running: 'failed', paused: 'failed' },
};
