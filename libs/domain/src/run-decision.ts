import { isBudgetTripped } from './failure-budget';
import { type SkipReason } from './failure-code';
import { type RunPlan } from './run-plan';
import { type FinalRunStatus, isStopping, type RunSnapshot } from './run-snapshot';
import { type RunStrategy } from './run-strategy';

/**
 * What the coordinator should do now with one run:
 * - `start`: start `count` more devices (next in plan order) right now;
 * - `wait`: the stagger gate is closed; ask again at `untilMs`;
 * - `idle`: nothing to do until a device finishes or the operator resumes;
 * - `advance_wave`: every device of the canary / current wave is terminal; enter wave
 *   `waveIndex` (of `waveSize` devices);
 * - `hold_for_approval`: the canary succeeded and the job asked to pause after it: enter
 *   wave 0 paused, until an operator resumes;
 * - `finish`: end the run with `status`; every device that never started ends `skipped`
 *   with reason `skip` (`null` when no device is left to skip);
 * - `done`: the run has already finished.
 */
export type RunDecision =
  | { readonly kind: 'start'; readonly count: number }
  | { readonly kind: 'wait'; readonly untilMs: number }
  | { readonly kind: 'idle' }
  | { readonly kind: 'advance_wave'; readonly waveIndex: number; readonly waveSize: number }
  | { readonly kind: 'hold_for_approval'; readonly waveIndex: number; readonly waveSize: number }
  | { readonly kind: 'finish'; readonly status: FinalRunStatus; readonly skip: SkipReason | null }
  | { readonly kind: 'done' };

const IDLE: RunDecision = { kind: 'idle' };
const DONE: RunDecision = { kind: 'done' };

function devicesAfter(plan: RunPlan, waveIndex: number): number {
  return plan.waves.slice(waveIndex).reduce((sum, wave) => sum + wave.length, 0);
}

/** Devices that never started and would end `skipped` if the run finished now. */
function notStarted(plan: RunPlan, s: RunSnapshot): number {
  const laterWaves = s.phase === 'canary' ? 0 : s.waveIndex + 1;
  return s.notStartedInWave + devicesAfter(plan, laterWaves);
}

function finish(
  plan: RunPlan,
  s: RunSnapshot,
  status: FinalRunStatus,
  why: SkipReason,
): RunDecision {
  return { kind: 'finish', status, skip: notStarted(plan, s) > 0 ? why : null };
}

/** The window and stagger gate: how many devices may start at `nowMs`. */
function startGate(strategy: RunStrategy, s: RunSnapshot, nowMs: number): RunDecision {
  if (s.control !== 'running') return IDLE;
  const window = strategy.concurrency - s.inFlight;
  if (window <= 0) return IDLE;
  if (strategy.staggerMs <= 0) {
    return { kind: 'start', count: Math.min(window, s.notStartedInWave) };
  }
  const opensAtMs = s.lastStartAtMs === null ? nowMs : s.lastStartAtMs + strategy.staggerMs;
  // One start per gate opening: the next one is `staggerMs` after it.
  return nowMs >= opensAtMs ? { kind: 'start', count: 1 } : { kind: 'wait', untilMs: opensAtMs };
}

/** Moves on to wave `waveIndex`, or finishes when there is none. */
function enterWave(plan: RunPlan, s: RunSnapshot, waveIndex: number): RunDecision {
  const wave = plan.waves[waveIndex];
  if (wave === undefined) {
    // Every device is terminal; failures within budget still fail the job (it did not fully apply).
    return { kind: 'finish', status: s.failures > 0 ? 'failed' : 'completed', skip: null };
  }
  const hold = s.phase === 'canary' && s.pauseAfterCanary;
  return { kind: hold ? 'hold_for_approval' : 'advance_wave', waveIndex, waveSize: wave.length };
}

function decideCanary(
  plan: RunPlan,
  strategy: RunStrategy,
  s: RunSnapshot,
  nowMs: number,
): RunDecision {
  if (s.canaryOutcome === null) {
    return s.notStartedInWave > 0 && s.inFlight === 0 ? startGate(strategy, s, nowMs) : IDLE;
  }
  if (s.canaryOutcome !== 'succeeded') return finish(plan, s, 'failed', 'canary_failed');
  return enterWave(plan, s, 0);
}

function decideWave(
  plan: RunPlan,
  strategy: RunStrategy,
  s: RunSnapshot,
  nowMs: number,
): RunDecision {
  const waveSize = plan.waves[s.waveIndex]?.length ?? 0;
  if (isBudgetTripped(strategy.budget, waveSize, s.waveFailures)) {
    // No new starts; the in-flight devices finish their work, then the run fails.
    return s.inFlight > 0 ? IDLE : finish(plan, s, 'failed', 'budget_exceeded');
  }
  if (s.notStartedInWave > 0) return startGate(strategy, s, nowMs);
  if (s.inFlight > 0) return IDLE;
  return enterWave(plan, s, s.waveIndex + 1);
}

/**
 * The scheduling decision: a deterministic, pure function of the plan, the strategy, the
 * run's snapshot and the clock, mirrored by the coordinator's Lua scripts.
 *
 * Rules (DESIGN §4): the canary runs alone first; unless it succeeded no other device starts
 * and the run fails (or is cancelled). When a wave's budget trips no new device starts, the
 * in-flight ones finish, then the run fails with the rest skipped. A pause stops new starts
 * only: a paused run whose remaining work is all terminal still finishes, it never sticks
 * paused with nothing to do. A cancel stops new starts and finishes `cancelled` once nothing
 * is in flight. A wave advances only when all its devices are terminal. Within a wave at
 * most `concurrency` devices are in flight, and with `staggerMs > 0` starts are at least
 * `staggerMs` apart.
 */
export function decideRun(
  plan: RunPlan,
  strategy: RunStrategy,
  snapshot: RunSnapshot,
  nowMs: number,
): RunDecision {
  if (snapshot.phase === 'finished') return DONE;
  if (isStopping(snapshot.control)) {
    return snapshot.inFlight > 0 ? IDLE : finish(plan, snapshot, 'cancelled', 'cancelled');
  }
  return snapshot.phase === 'canary'
    ? decideCanary(plan, strategy, snapshot, nowMs)
    : decideWave(plan, strategy, snapshot, nowMs);
}

/**
 * Records a decision the coordinator carried out: entering a wave (held or not) or finishing.
 * `start` is recorded device by device with `device_started` events (see `applyRunEvent`);
 * `wait`, `idle` and `done` change nothing.
 */
export function applyRunDecision(snapshot: RunSnapshot, decision: RunDecision): RunSnapshot {
  switch (decision.kind) {
    case 'advance_wave':
    case 'hold_for_approval': {
      const held = decision.kind === 'hold_for_approval';
      return {
        ...snapshot,
        phase: 'waves',
        waveIndex: decision.waveIndex,
        notStartedInWave: decision.waveSize,
        waveFailures: 0,
        control: held ? 'paused' : snapshot.control,
        awaitingApproval: held || snapshot.awaitingApproval,
      };
    }
    case 'finish':
      return {
        ...snapshot,
        phase: 'finished',
        notStartedInWave: 0,
        status: decision.status,
        skipReason: decision.skip,
      };
    default:
      return snapshot;
  }
}
