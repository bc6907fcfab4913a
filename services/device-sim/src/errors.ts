/** Stable codes of the simulator's errors; callers branch on these, never on message text. */
export const SimErrorCode = {
  badOptions: 'SIM_BAD_OPTIONS',
  unknownDevice: 'SIM_UNKNOWN_DEVICE',
  listenFailed: 'SIM_LISTEN_FAILED',
} as const;

/** One of {@link SimErrorCode}. */
export type SimErrorCode = (typeof SimErrorCode)[keyof typeof SimErrorCode];

/** Base of every error the simulator throws on purpose. */
export abstract class DeviceSimError extends Error {
  abstract readonly code: SimErrorCode;
}

/** Fleet options or a fault spec that cannot be honoured (bad count, unknown platform, bad regex). */
export class SimOptionsError extends DeviceSimError {
  override readonly name = 'SimOptionsError';
  readonly code = SimErrorCode.badOptions;
}

/** `fleet.device(keyOrIndex)` named no device of this fleet. */
export class UnknownDeviceError extends DeviceSimError {
  override readonly name = 'UnknownDeviceError';
  readonly code = SimErrorCode.unknownDevice;

  constructor(readonly deviceRef: string | number) {
    super(`no simulated device ${JSON.stringify(deviceRef)} in this fleet`);
  }
}

/** A device could not listen on its port (port in use, address not available). */
export class SimListenError extends DeviceSimError {
  override readonly name = 'SimListenError';
  readonly code = SimErrorCode.listenFailed;

  constructor(
    readonly host: string,
    readonly port: number,
    options: { cause: unknown },
  ) {
    super(`simulated device cannot listen on ${host}:${port}`, options);
  }
}
