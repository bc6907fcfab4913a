import { FleetLimits } from '@fleetpush/store';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ApiDeps } from './api-deps';

/** The configuration's defaults (`FLEETPUSH_MAX_SSH_SESSIONS`, `FLEETPUSH_LOGIN_RATE`). */
const DEFAULT_LIMITS = { maxSessions: 1000, loginsPerSecond: 50 };

/** The fleet-wide SSH caps the API's logins obey: the configured ones, else the defaults. */
export function fleetLimitsOf(deps: Pick<ApiDeps, 'fleetLimits' | 'redis' | 'keys'>): FleetLimits {
  return deps.fleetLimits ?? new FleetLimits(deps.redis, deps.keys.prefix, DEFAULT_LIMITS);
}

/**
 * Runs `login` (an SSH session the API opens: `/commands/exec`, `validate=connect`) under the
 * workers' fleet-wide caps: it waits for a session slot and a login token like a device task
 * does, and gives the slot back when `login` settles. `signal` abandons the wait.
 */
export async function withFleetAdmission<T>(
  limits: FleetLimits,
  purpose: string,
  login: () => Promise<T>,
  signal?: AbortSignal,
): Promise<T> {
  const owner = `api|${purpose}|${randomUUID()}`;
  try {
    for (
      let admission = await limits.admit(owner);
      !admission.admitted;
      admission = await limits.admit(owner)
    ) {
      await sleep(admission.retryInMs, undefined, { signal });
    }
    return await login();
  } finally {
    await limits.releaseSession(owner).catch(() => undefined);
  }
}
