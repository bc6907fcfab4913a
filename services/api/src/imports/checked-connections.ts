import type { NewDevice } from '@fleetpush/contracts';
import type { ApiDeps } from '../api-deps';
import { checkConnections, type ConnectionCheckReport } from './connection-check';
import { connectCheckOptions } from './connect-check-options';

/**
 * Checks the devices' connections (see {@link checkConnections}) and records each outcome in
 * the inventory (replacing the device's previous check), stamped with the time the check
 * ended. Resolves with the report.
 */
export async function checkAndRecordConnections(
  deps: ApiDeps,
  devices: readonly NewDevice[],
  onChecked?: (checked: number) => void,
): Promise<ConnectionCheckReport> {
  const report = await checkConnections(devices, connectCheckOptions(deps, onChecked));
  const checkedAt = new Date().toISOString();
  await deps.inventory.recordReachability(
    report.devices.map((d) => ({
      key: d.key,
      reachability: {
        reachable: d.reachable,
        login: d.login,
        ...(d.error_code !== null && { error_code: d.error_code }),
        checked_at: checkedAt,
      },
    })),
  );
  return report;
}
