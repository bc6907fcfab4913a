import type { NewFleetEvent } from '@fleetpush/contracts';
import type { EventLog } from '@fleetpush/store';

/** Events per simulated device (status changes, log batches, the result). */
export const EVENTS_PER_DEVICE = 10;

/** A device key for device `i` of a simulated fleet. */
export function simDeviceKey(i: number): string {
  return `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}:22`;
}

/** What one device task writes to its job's event log, as the worker groups its appends. */
export function deviceAppends(jobId: string, i: number): NewFleetEvent[][] {
  const deviceKey = simDeviceKey(i);
  const status = (
    state: 'connecting' | 'pre_check' | 'applying' | 'post_check' | 'succeeded',
  ): NewFleetEvent => ({ type: 'device:status', jobId, deviceKey, state, attempt: 1 });
  const log = (line: string): NewFleetEvent => ({
    type: 'log',
    jobId,
    deviceKey,
    level: 'info',
    lines: [line],
  });
  return [
    [status('connecting')],
    [log('connected'), status('pre_check')],
    [log('show running-config')],
    [status('applying'), log('interface Gi0/1'), log('description uplink')],
    [status('post_check')],
    [
      status('succeeded'),
      { type: 'device:result', jobId, deviceKey, state: 'succeeded', attempts: 1, durationMs: 42 },
    ],
  ];
}

/**
 * Appends the events of `devices` devices, `lanes` devices at a time, pausing `pauseMs`
 * between one lane's appends so that the run lasts long enough for clients to come and go.
 */
export async function produceDeviceRun(
  events: EventLog,
  jobId: string,
  devices: number,
  options: { readonly lanes: number; readonly pauseMs: number },
): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < devices) {
      const device = next++;
      for (const batch of deviceAppends(jobId, device)) {
        await events.append(jobId, batch);
        await new Promise((resolve) => setTimeout(resolve, options.pauseMs));
      }
    }
  };
  await Promise.all(Array.from({ length: options.lanes }, lane));
}
