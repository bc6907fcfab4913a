import { countsAsFailure, type DeviceOutcome } from './device-outcome';
import { err, ok, type Result } from './result';
import { type RunControl, type RunSnapshot } from './run-snapshot';

/**
 * Something that happened to a run, from outside the scheduler: a device started (it was
 * given a start by `decideRun`), a device reached its final outcome (after any retries), or
 * the operator changed the control state.
 */
export type RunEvent =
  | { readonly type: 'device_started'; readonly atMs: number }
  | { readonly type: 'device_finished'; readonly outcome: DeviceOutcome }
  | { readonly type: 'control_changed'; readonly control: RunControl };

/** Why an event cannot apply to a snapshot (a bookkeeping error in the caller). */
export interface InvalidRunEvent {
  readonly code: 'invalid_run_event';
  readonly event: RunEvent['type'];
  readonly message: string;
}

/**
 * Control changes an operator may make. Cancel and terminate are final; terminate may
 * escalate a cancel (stop waiting for in-flight devices, abort them).
 */
export const RUN_CONTROL_TRANSITIONS: Readonly<Record<RunControl, readonly RunControl[]>> = {
  running: ['paused', 'cancelling', 'terminating'],
  paused: ['running', 'cancelling', 'terminating'],
  cancelling: ['terminating'],
  terminating: [],
};

function refuse(event: RunEvent['type'], message: string): Result<RunSnapshot, InvalidRunEvent> {
  return err({ code: 'invalid_run_event', event, message });
}

function deviceStarted(s: RunSnapshot, atMs: number): Result<RunSnapshot, InvalidRunEvent> {
  if (s.notStartedInWave === 0) {
    return refuse('device_started', `no device of the ${s.phase} phase is left to start`);
  }
  return ok({
    ...s,
    notStartedInWave: s.notStartedInWave - 1,
    inFlight: s.inFlight + 1,
    lastStartAtMs: atMs,
  });
}

function deviceFinished(
  s: RunSnapshot,
  outcome: DeviceOutcome,
): Result<RunSnapshot, InvalidRunEvent> {
  if (s.inFlight === 0) return refuse('device_finished', 'no device is in flight');
  const inFlight = s.inFlight - 1;
  if (s.phase === 'canary') return ok({ ...s, inFlight, canaryOutcome: outcome });
  const failed = countsAsFailure(outcome) ? 1 : 0;
  return ok({
    ...s,
    inFlight,
    waveFailures: s.waveFailures + failed,
    failures: s.failures + failed,
  });
}

function controlChanged(s: RunSnapshot, control: RunControl): Result<RunSnapshot, InvalidRunEvent> {
  // Control commands arrive at least once: repeating the current state is not an error.
  if (control === s.control) return ok(s);
  if (!RUN_CONTROL_TRANSITIONS[s.control].includes(control)) {
    return refuse('control_changed', `cannot go from ${s.control} to ${control}`);
  }
  // Resuming a run held after its canary is the approval.
  return ok({ ...s, control, awaitingApproval: s.awaitingApproval && control === 'paused' });
}

/**
 * Applies an event to a run snapshot. Events that cannot have happened (a start with nothing
 * left to start, a completion with nothing in flight, an event after the run finished, a
 * control change that undoes a cancel) are error values, never silently absorbed.
 */
export function applyRunEvent(
  snapshot: RunSnapshot,
  event: RunEvent,
): Result<RunSnapshot, InvalidRunEvent> {
  if (snapshot.phase === 'finished') return refuse(event.type, 'the run has finished');
  switch (event.type) {
    case 'device_started':
      return deviceStarted(snapshot, event.atMs);
    case 'device_finished':
      return deviceFinished(snapshot, event.outcome);
    case 'control_changed':
      return controlChanged(snapshot, event.control);
  }
}
