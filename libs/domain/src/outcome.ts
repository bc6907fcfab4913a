import { countsAsFailure, isDeviceOutcome } from './device-outcome';
import { DEVICE_STATES, type DeviceState } from './device-state';
import { type FailureCode, type SkipReason } from './failure-code';
import { type FinalRunStatus, isStopping, type RunControl } from './run-snapshot';

/** One device of a run, as the summary sees it. */
export interface DeviceResultSummaryInput {
  readonly state: DeviceState;
  /** Why it failed or was aborted; absent otherwise. */
  readonly failureCode?: FailureCode | null;
  /** Why it was skipped; absent otherwise. */
  readonly skipReason?: SkipReason | null;
  readonly isCanary: boolean;
}

/** Counts and status of a run, final or partial. */
export interface RunOutcome {
  readonly total: number;
  /** Devices per state, every state listed (non-terminal ones too: partial results). */
  readonly byState: Readonly<Record<DeviceState, number>>;
  /** Failed and aborted devices per failure code (devices without a code are not listed). */
  readonly byFailureCode: Readonly<Partial<Record<FailureCode, number>>>;
  /** Skipped devices per reason (devices without a reason are not listed). */
  readonly bySkipReason: Readonly<Partial<Record<SkipReason, number>>>;
  /** Devices not yet in a terminal state. */
  readonly unfinished: number;
  /** The canary's state; `null` when no device is marked as the canary. */
  readonly canaryState: DeviceState | null;
  /** How the run ends, or `null` while a device is unfinished. */
  readonly status: FinalRunStatus | null;
}

function increment<K extends string>(counts: Partial<Record<K, number>>, key: K): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

function countStates(results: readonly DeviceResultSummaryInput[]): Record<DeviceState, number> {
  const byState = Object.fromEntries(DEVICE_STATES.map((s) => [s, 0])) as Record<
    DeviceState,
    number
  >;
  for (const r of results) byState[r.state] += 1;
  return byState;
}

function finalStatus(
  results: readonly DeviceResultSummaryInput[],
  control: RunControl,
  canaryState: DeviceState | null,
): FinalRunStatus {
  if (isStopping(control)) return 'cancelled';
  const failed = results.some(
    (r) =>
      (isDeviceOutcome(r.state) && countsAsFailure(r.state)) ||
      r.skipReason === 'canary_failed' ||
      r.skipReason === 'budget_exceeded',
  );
  return failed || (canaryState !== null && canaryState !== 'succeeded') ? 'failed' : 'completed';
}

/**
 * Summarises the device results of a run. The final status is `cancelled` if the run was
 * cancelled or terminated (`control`); else `failed` if the canary did not succeed, a wave's
 * budget tripped (devices skipped for `budget_exceeded`), or any device failed or was
 * aborted; else `completed`. While a device is unfinished the counts are partial and the
 * status is `null`.
 */
export function summarizeOutcome(
  results: readonly DeviceResultSummaryInput[],
  control: RunControl,
): RunOutcome {
  const byFailureCode: Partial<Record<FailureCode, number>> = {};
  const bySkipReason: Partial<Record<SkipReason, number>> = {};
  for (const r of results) {
    if (isDeviceOutcome(r.state) && countsAsFailure(r.state) && r.failureCode) {
      increment(byFailureCode, r.failureCode);
    }
    if (r.state === 'skipped' && r.skipReason) increment(bySkipReason, r.skipReason);
  }
  const unfinished = results.filter((r) => !isDeviceOutcome(r.state)).length;
  const canaryState = results.find((r) => r.isCanary)?.state ?? null;
  return {
    total: results.length,
    byState: countStates(results),
    byFailureCode,
    bySkipReason,
    unfinished,
    canaryState,
    status: unfinished > 0 ? null : finalStatus(results, control, canaryState),
  };
}
