import { UnknownDeviceError } from './errors';
import { FleetKeys } from './fleet-keys';
import { planFleet, type SimFleetOptions } from './fleet-plan';
import { inventoryCsv } from './inventory-csv';
import { personalityOf } from './personalities/registry';
import { type SimDevice, SimulatedDevice } from './sim-device';

/** A running fleet of simulated devices. */
export interface SimFleet {
  readonly devices: readonly SimDevice[];
  /** A device by `host:port` key or by index; throws UnknownDeviceError. */
  device(keyOrIndex: string | number): SimDevice;
  /** Inventory CSV: host,port,device_type,username,password,name,prod,enable_secret. */
  toCsv(): string;
  /** Closes every listener and session and cancels every timer; idempotent. */
  close(): Promise<void>;
}

/** Devices that start listening at once; bounded so a 1,000-device start does not stall the loop. */
const LISTEN_BATCH = 200;

class RunningFleet implements SimFleet {
  private closing: Promise<void> | undefined;
  private readonly byKey: Map<string, SimulatedDevice>;

  constructor(readonly devices: readonly SimulatedDevice[]) {
    this.byKey = new Map(devices.map((d) => [d.key, d]));
  }

  device(keyOrIndex: string | number): SimDevice {
    const found =
      typeof keyOrIndex === 'number' ? this.devices[keyOrIndex] : this.byKey.get(keyOrIndex);
    if (!found) throw new UnknownDeviceError(keyOrIndex);
    return found;
  }

  toCsv(): string {
    return inventoryCsv(this.devices);
  }

  close(): Promise<void> {
    this.closing ??= Promise.all(this.devices.map((d) => d.close())).then(() => undefined);
    return this.closing;
  }
}

/**
 * Starts a fleet of simulated devices, each an SSH server on its own port of `host`, and
 * resolves once every device listens. On a listen failure the devices already started are
 * closed and the error (SimListenError) is thrown.
 */
export async function startFleet(options: SimFleetOptions): Promise<SimFleet> {
  const plans = planFleet(options);
  const host = options.host ?? '127.0.0.1';
  const basePort = options.basePort ?? 0;
  const keys = new FleetKeys();
  let sessionIds = 0;
  const devices = plans.map(
    (plan) =>
      new SimulatedDevice({
        ...plan,
        host,
        keys,
        personality: personalityOf(plan.platform)!,
        nextSessionId: () => (sessionIds += 1),
      }),
  );
  try {
    for (let i = 0; i < devices.length; i += LISTEN_BATCH) {
      const batch = devices.slice(i, i + LISTEN_BATCH);
      await Promise.all(batch.map((d) => d.listen(basePort === 0 ? 0 : basePort + d.index)));
    }
  } catch (error) {
    await Promise.all(devices.map((d) => d.close()));
    throw error;
  }
  return new RunningFleet(devices);
}
