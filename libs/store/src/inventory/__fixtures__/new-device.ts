import type { NewDevice } from '@fleetpush/contracts';

/** A device as an import would produce it, with a fake sealed password (`v1:` + opaque text). */
export function newDevice(host: string, extra: Partial<NewDevice> = {}): NewDevice {
  return {
    key: `${host}:22`,
    host,
    port: 22,
    device_type: 'cisco_ios',
    username: 'admin',
    password_sealed: `v1:${Buffer.from(`sealed-${host}`).toString('base64')}`,
    verify_commands: ['show clock'],
    host_vars: {},
    vars: {},
    prod: false,
    tags: [],
    ...extra,
  };
}
