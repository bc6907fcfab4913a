import type { DeviceReachability, DeviceView, StoredDevice } from '@fleetpush/contracts';

/**
 * A stored device as the API shows it: whether a password and an enable secret are set, never
 * their sealed values (nor anything else not in `deviceViewSchema`), with its latest connection
 * check (`null` when never checked).
 */
export function toDeviceView(
  stored: StoredDevice,
  reachability: DeviceReachability | null = null,
): DeviceView {
  return {
    key: stored.key,
    host: stored.host,
    port: stored.port,
    device_type: stored.device_type,
    ...(stored.name !== undefined && { name: stored.name }),
    ...(stored.username !== undefined && { username: stored.username }),
    has_password: stored.password_sealed !== undefined,
    has_enable_secret: stored.enable_secret_sealed !== undefined,
    ...(stored.credential !== undefined && { credential: stored.credential }),
    verify_commands: [...stored.verify_commands],
    host_vars: { ...stored.host_vars },
    vars: { ...stored.vars },
    prod: stored.prod,
    tags: [...stored.tags],
    ...(stored.host_key !== undefined && { host_key: stored.host_key }),
    created_at: stored.created_at,
    updated_at: stored.updated_at,
    reachability: reachability && { ...reachability },
  };
}
