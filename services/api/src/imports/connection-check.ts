import type { NewDevice } from '@fleetpush/contracts';
import { FailureCode } from '@fleetpush/domain';
import { openSession, SshError, type HostKeyCheck } from '@fleetpush/ssh';
import type { FleetLimits } from '@fleetpush/store';
import { deviceLogin, type DeviceLoginDeps } from '../device-login';
import { withFleetAdmission } from '../fleet-admission';
import { mapBounded } from './map-bounded';
import { tcpProbe } from './tcp-probe';

/** Default parallel logins of a `validate=connect` import. */
export const DEFAULT_CONNECT_CHECK_CONCURRENCY = 50;

/** Failure codes that mean nothing answered on the device's SSH port. */
const UNREACHABLE: ReadonlySet<string> = new Set([
  FailureCode.connection_refused,
  FailureCode.connection_timeout,
]);

/** One device's answer to a connection check. */
export interface DeviceConnectionReport {
  readonly key: string;
  /** The SSH port answered (TCP connect and beyond). */
  readonly reachable: boolean;
  /** Logged in and reached a prompt (enable included where the platform needs it). */
  readonly login: boolean;
  /** Why not, as a stable failure code; `null` when the login succeeded. */
  readonly error_code: FailureCode | null;
}

/** The report of a whole check. */
export interface ConnectionCheckReport {
  readonly checked: number;
  readonly reachable: number;
  readonly login_ok: number;
  readonly devices: readonly DeviceConnectionReport[];
}

/** What {@link checkConnections} needs. */
export interface ConnectionCheckOptions extends DeviceLoginDeps {
  /** Host-key policy and store, as the workers use them (TOFU records first-seen keys). */
  readonly hostKey: HostKeyCheck;
  readonly concurrency: number;
  readonly connectTimeoutMs: number;
  /** Called after each device with the number checked so far. */
  readonly onChecked?: (checked: number) => void;
  /** The workers' fleet-wide SSH caps: each login waits for a slot and a login token. */
  readonly limits?: FleetLimits;
  /** Replaces libs/ssh's `openSession` (tests). */
  readonly connect?: typeof openSession;
}

async function checkOne(
  device: NewDevice,
  options: ConnectionCheckOptions,
): Promise<DeviceConnectionReport> {
  const target = await deviceLogin(device, options.hostKey, options);
  if (!target) {
    const reachable = await tcpProbe(device.host, device.port, options.connectTimeoutMs);
    return {
      key: device.key,
      reachable,
      login: false,
      error_code: FailureCode.credentials_unavailable,
    };
  }
  try {
    const login = async (): Promise<void> => {
      const session = await (options.connect ?? openSession)(target, {
        connectTimeoutMs: options.connectTimeoutMs,
      });
      await session.close();
    };
    await (options.limits ? withFleetAdmission(options.limits, 'check', login) : login());
    return { key: device.key, reachable: true, login: true, error_code: null };
  } catch (error) {
    const code = error instanceof SshError ? error.code : FailureCode.internal_error;
    return { key: device.key, reachable: !UNREACHABLE.has(code), login: false, error_code: code };
  }
}

/**
 * Logs in to each device (libs/ssh `openSession`: TCP, SSH handshake with the host key checked
 * by the configured policy, authentication, first prompt, enable) with at most `concurrency`
 * logins in flight, then closes the session: no command beyond what a login sends (enable,
 * paging off). Never rejects: every device gets a report, in input order.
 */
export async function checkConnections(
  devices: readonly NewDevice[],
  options: ConnectionCheckOptions,
): Promise<ConnectionCheckReport> {
  let checked = 0;
  const reports = await mapBounded(devices, options.concurrency, async (device) => {
    const report = await checkOne(device, options);
    checked += 1;
    options.onChecked?.(checked);
    return report;
  });
  return {
    checked: reports.length,
    reachable: reports.filter((r) => r.reachable).length,
    login_ok: reports.filter((r) => r.login).length,
    devices: reports,
  };
}
