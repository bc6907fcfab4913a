import { z } from 'zod';
import { isoTime } from './fields';

/**
 * A device's latest connection check (`POST /devices/import?validate=connect`), as the
 * inventory records it beside the device: no secrets, only the outcome and when.
 */
export const deviceReachabilitySchema = z.object({
  /** The SSH port answered (TCP connect and beyond). */
  reachable: z.boolean(),
  /** Logged in and reached a prompt (enable included where the platform needs it). */
  login: z.boolean(),
  /** Why not, as a stable failure code (`auth_failed`, `connection_refused`, …); absent on success. */
  error_code: z.string().optional(),
  checked_at: isoTime,
});

/** A recorded connection check. */
export type DeviceReachability = z.infer<typeof deviceReachabilitySchema>;

/** The `reachability` filter of `GET /devices`. */
export const REACHABILITY_STATES = [
  'reachable',
  'unreachable',
  'login_failed',
  'unchecked',
] as const;

/** One value of the `reachability` filter. */
export type ReachabilityState = (typeof REACHABILITY_STATES)[number];

/**
 * The filter state of a recorded check: `reachable` (logged in), `login_failed` (the port
 * answered, the login did not), `unreachable`; `unchecked` when there is no record.
 */
export function reachabilityState(
  record: DeviceReachability | null | undefined,
): ReachabilityState {
  if (!record) return 'unchecked';
  if (record.login) return 'reachable';
  return record.reachable ? 'login_failed' : 'unreachable';
}
