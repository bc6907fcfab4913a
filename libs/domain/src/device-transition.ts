import { DEVICE_TRANSITIONS, type DeviceEvent, type DeviceState } from './device-state';
import { err, ok, type Result } from './result';

/** Why a device-task transition was refused. */
export interface InvalidDeviceTransition {
  readonly code: 'invalid_transition';
  readonly from: DeviceState;
  readonly event: DeviceEvent;
  readonly message: string;
}

/** Applies a lifecycle event to a device-task state; an invalid transition is an error value. */
export function transitionDevice(
  from: DeviceState,
  event: DeviceEvent,
): Result<DeviceState, InvalidDeviceTransition> {
  const to = DEVICE_TRANSITIONS[event][from];
  if (to === undefined) {
    return err({
      code: 'invalid_transition',
      from,
      event,
      message: `cannot ${event} a device task that is ${from}`,
    });
  }
  return ok(to);
}
