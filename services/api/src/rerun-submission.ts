import {
  type RerunDevices,
  type JobSubmission,
  type rerunRequestSchema,
} from '@fleetpush/contracts';
import type { DeviceState } from '@fleetpush/domain';
import type { z } from 'zod';
import { ApiErrorCode, ApiHttpError } from './errors';
import { followUpSubmission, storedSubmission } from './follow-up-submission';

/** A parsed rerun request. */
export type RerunChoice = z.output<typeof rerunRequestSchema>;

/** The device states each {@link RerunDevices} choice takes again. */
const RERUN_STATES: Readonly<Record<RerunDevices, ReadonlySet<DeviceState>>> = {
  failed: new Set<DeviceState>(['failed', 'aborted']),
  not_succeeded: new Set<DeviceState>(['failed', 'aborted', 'skipped']),
};

/** Words for the choice in a job name or a message ("3 failed", "no device failed"). */
const CHOICE_WORDS: Readonly<Record<RerunDevices, string>> = {
  failed: 'failed',
  not_succeeded: 'not succeeded',
};

/** The keys of the devices the choice reruns, in the old job's order (its canary first). */
export function rerunKeys(
  states: ReadonlyMap<number, DeviceState>,
  keys: Readonly<Record<string, string>>,
  devices: RerunDevices,
): string[] {
  const wanted = RERUN_STATES[devices];
  return [...states.entries()]
    .filter(([, state]) => wanted.has(state))
    .sort(([a], [b]) => a - b)
    .flatMap(([index]) => (keys[index] ? [keys[index]] : []));
}

/**
 * The submission of a rerun: the ended job's own submission on `keys` (see
 * {@link followUpSubmission}), production confirmed again by the caller, labelled `rerun_of`.
 */
export function rerunSubmission(
  jobId: string,
  spec: unknown,
  keys: readonly string[],
  choice: RerunChoice,
): JobSubmission {
  return followUpSubmission(jobId, storedSubmission(jobId, spec), {
    name: choice.name,
    words: `rerun: ${keys.length} ${CHOICE_WORDS[choice.devices]}`,
    targets: keys,
    confirmProd: choice.confirm_prod,
    window: choice.window,
    label: 'rerun_of',
  });
}

/** 409 naming the choice when the ended job has no such device. */
export function nothingToRerun(jobId: string, devices: RerunDevices): ApiHttpError {
  const none =
    devices === 'failed'
      ? `no device of job ${jobId} failed or was aborted`
      : `every device of job ${jobId} succeeded`;
  return new ApiHttpError(409, ApiErrorCode.invalidState, `${none}: nothing to rerun`);
}
