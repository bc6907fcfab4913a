import { type DeviceOutcome } from './device-outcome';
import { type SkipReason } from './failure-code';

/** Where a run is: its canary, its waves, or done. */
export const RunPhase = {
  canary: 'canary',
  waves: 'waves',
  finished: 'finished',
} as const;

/** A run phase. */
export type RunPhase = (typeof RunPhase)[keyof typeof RunPhase];

/**
 * What the operator asked of a run. `paused`, `cancelling` and `terminating` all stop new
 * device starts; `terminating` also aborts the in-flight sessions (the workers' business:
 * for scheduling it is the same as `cancelling`). A cancel is final: it is never undone.
 */
export const RunControl = {
  running: 'running',
  paused: 'paused',
  cancelling: 'cancelling',
  terminating: 'terminating',
} as const;

/** A run control state. */
export type RunControl = (typeof RunControl)[keyof typeof RunControl];

/** Whether the operator cancelled or terminated the run (it will end `cancelled`). */
export function isStopping(control: RunControl): boolean {
  return control === 'cancelling' || control === 'terminating';
}

/** How a run ends: the terminal job states. */
export type FinalRunStatus = 'completed' | 'failed' | 'cancelled';

/**
 * The scheduling state of one run: everything the "what may start now" decision reads.
 * Plain numbers, strings, booleans and nulls only, because the same state lives in a Redis
 * hash and the coordinator's Lua scripts mirror `decideRun` / `applyRunEvent` on it.
 */
export interface RunSnapshot {
  readonly phase: RunPhase;
  readonly control: RunControl;
  /** Index of the current wave in the plan; 0 during the canary phase. */
  readonly waveIndex: number;
  /** Devices of the current wave (during the canary phase: the canary) not yet started. */
  readonly notStartedInWave: number;
  /**
   * Devices started (dispatched or running) and not yet terminal. A device waiting out a
   * retry backoff is still in flight: it keeps its place in the window.
   */
  readonly inFlight: number;
  /** Failures (`failed` or `aborted`) in the current wave, for its budget. */
  readonly waveFailures: number;
  /** Failures among all non-canary devices of the run, for its final status. */
  readonly failures: number;
  /** When the last device started (ms), for the stagger gate; `null` before the first. */
  readonly lastStartAtMs: number | null;
  /** How the canary ended; `null` until it has. */
  readonly canaryOutcome: DeviceOutcome | null;
  /** Hold for an operator's approval (a resume) once the canary has succeeded. */
  readonly pauseAfterCanary: boolean;
  /** The run is paused by the approval hold (not by an operator's pause): the UI says so. */
  readonly awaitingApproval: boolean;
  /** How the run ended; `null` until `phase` is `finished`. */
  readonly status: FinalRunStatus | null;
  /** Why the devices that never started were skipped; `null` when none were. */
  readonly skipReason: SkipReason | null;
}

/** Options of a new run. */
export interface RunSnapshotOptions {
  readonly pauseAfterCanary: boolean;
}

/** The snapshot of a run that has not started anything yet: the canary is next. */
export function initialRunSnapshot(options: RunSnapshotOptions): RunSnapshot {
  return {
    phase: 'canary',
    control: 'running',
    waveIndex: 0,
    notStartedInWave: 1,
    inFlight: 0,
    waveFailures: 0,
    failures: 0,
    lastStartAtMs: null,
    canaryOutcome: null,
    pauseAfterCanary: options.pauseAfterCanary,
    awaitingApproval: false,
    status: null,
    skipReason: null,
  };
}
