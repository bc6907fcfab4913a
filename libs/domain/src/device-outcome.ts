import { type DeviceState, TERMINAL_DEVICE_STATES } from './device-state';

/** How a device task ended: one of the terminal device states. */
export type DeviceOutcome = Extract<DeviceState, 'succeeded' | 'failed' | 'skipped' | 'aborted'>;

/** Whether a device state is a final outcome. */
export function isDeviceOutcome(state: DeviceState): state is DeviceOutcome {
  return TERMINAL_DEVICE_STATES.has(state);
}

/**
 * Whether an outcome spends a wave's failure budget. `failed` (whatever the code:
 * unreachable, auth, command error, timeout, assertion…) and `aborted` do; `skipped` never
 * does, since the device was never touched. A device counts once, by its final outcome: a
 * device that failed, was retried and then succeeded counts zero.
 */
export function countsAsFailure(outcome: DeviceOutcome): boolean {
  return outcome === 'failed' || outcome === 'aborted';
}
