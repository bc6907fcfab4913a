import { JOB_TRANSITIONS, type JobEvent, type JobState } from './job-state';
import { err, ok, type Result } from './result';

/** Why a job transition was refused. */
export interface InvalidJobTransition {
  readonly code: 'invalid_transition';
  readonly from: JobState;
  readonly event: JobEvent;
  readonly message: string;
}

/**
 * Applies a lifecycle event to a job state. An invalid transition is returned as an error
 * value: callers must handle it, it can never be swallowed by accident.
 */
export function transitionJob(
  from: JobState,
  event: JobEvent,
): Result<JobState, InvalidJobTransition> {
  const to = JOB_TRANSITIONS[event][from];
  if (to === undefined) {
    return err({
      code: 'invalid_transition',
      from,
      event,
      message: `cannot ${event} a job that is ${from}`,
    });
  }
  return ok(to);
}

/** The events that are valid from a state (what the UI may offer). */
export function allowedJobEvents(from: JobState): JobEvent[] {
  return (Object.keys(JOB_TRANSITIONS) as JobEvent[]).filter(
    (event) => JOB_TRANSITIONS[event][from] !== undefined,
  );
}
