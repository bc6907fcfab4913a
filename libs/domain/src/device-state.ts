/**
 * The device-task lifecycle within one run, as data.
 *
 * `pending → queued → connecting → pre_check → applying → post_check → (succeeded | failed)`,
 * or `skipped` (never started: canary failed, budget tripped, cancelled) or `aborted`
 * (terminated mid-session). Every task of a run ends in exactly one terminal state.
 */

/** Every state a device task can be in. */
export const DeviceState = {
  pending: 'pending',
  queued: 'queued',
  connecting: 'connecting',
  pre_check: 'pre_check',
  applying: 'applying',
  post_check: 'post_check',
  succeeded: 'succeeded',
  failed: 'failed',
  skipped: 'skipped',
  aborted: 'aborted',
} as const;

/** A device-task state. */
export type DeviceState = (typeof DeviceState)[keyof typeof DeviceState];

/** All device-task states, in pipeline order. */
export const DEVICE_STATES: readonly DeviceState[] = Object.values(DeviceState);

/** States a device task never leaves. */
export const TERMINAL_DEVICE_STATES: ReadonlySet<DeviceState> = new Set<DeviceState>([
  DeviceState.succeeded,
  DeviceState.failed,
  DeviceState.skipped,
  DeviceState.aborted,
]);

/** States in which a worker holds an SSH session for the device (it is "in flight"). */
export const ACTIVE_DEVICE_STATES: ReadonlySet<DeviceState> = new Set<DeviceState>([
  DeviceState.connecting,
  DeviceState.pre_check,
  DeviceState.applying,
  DeviceState.post_check,
]);

/** Whether a device task in this state has finished for good. */
export function isTerminalDeviceState(state: DeviceState): boolean {
  return TERMINAL_DEVICE_STATES.has(state);
}

/** Every event that moves a device task. */
export const DeviceEvent = {
  /** Dispatched to the queue. */
  enqueue: 'enqueue',
  /** Sent back to pending before it started (the run was paused). */
  unqueue: 'unqueue',
  connect: 'connect',
  pre_check: 'pre_check',
  apply: 'apply',
  post_check: 'post_check',
  succeed: 'succeed',
  fail: 'fail',
  /** Back to the queue for another attempt (retryable failure, or recovery after a crash). */
  requeue: 'requeue',
  abort: 'abort',
  skip: 'skip',
} as const;

/** A device-task lifecycle event. */
export type DeviceEvent = (typeof DeviceEvent)[keyof typeof DeviceEvent];

/** All device-task events. */
export const DEVICE_EVENTS: readonly DeviceEvent[] = Object.values(DeviceEvent);

const IN_SESSION = ['connecting', 'pre_check', 'applying', 'post_check'] as const;

function fromEach(
  states: readonly DeviceState[],
  to: DeviceState,
): Partial<Record<DeviceState, DeviceState>> {
  return Object.fromEntries(states.map((s) => [s, to]));
}

/**
 * The transition table: for each event, the states it is valid from and where it leads.
 * `pre_check → succeeded` is the end of a dry run (config mode is never entered).
 */
export const DEVICE_TRANSITIONS: Readonly<
  Record<DeviceEvent, Readonly<Partial<Record<DeviceState, DeviceState>>>>
> = {
  enqueue: { pending: 'queued' },
  unqueue: { queued: 'pending' },
  connect: { queued: 'connecting' },
  pre_check: { connecting: 'pre_check' },
  apply: { pre_check: 'applying' },
  post_check: { applying: 'post_check' },
  succeed: { post_check: 'succeeded', pre_check: 'succeeded' },
  fail: { queued: 'failed', ...fromEach(IN_SESSION, 'failed') },
  requeue: fromEach(IN_SESSION, 'queued'),
  abort: fromEach(IN_SESSION, 'aborted'),
  skip: { pending: 'skipped', queued: 'skipped' },
};
