import { type SimDevice } from '@fleetpush/device-sim';
import { type Platform } from '@fleetpush/domain';
import { type SessionTarget } from '../session-target';

/** A session target for a simulated device (host keys accepted unless given). */
export function simTarget(device: SimDevice, extra: Partial<SessionTarget> = {}): SessionTarget {
  return {
    host: device.host,
    port: device.port,
    platform: device.platform,
    username: device.username,
    auth: { password: device.password },
    ...(device.enableSecret === undefined ? {} : { enableSecret: device.enableSecret }),
    hostKey: { policy: 'accept' },
    ...extra,
  };
}

/** Per platform: a harmless config change (lines + the line the ledger records) and a read. */
export interface PlatformScript {
  readonly lines: readonly string[];
  /** A line of `lines` that the device ledger records when applied. */
  readonly recorded: string;
  /** A line the device rejects by itself. */
  readonly bad: string;
  readonly show: string;
  /** Text `show` prints. */
  readonly showContains: string;
}

/** What each simulated platform is driven with. */
export const SCRIPTS: Readonly<Record<Platform, PlatformScript>> = {
  cisco_ios: ios('show version', 'Cisco IOS Software'),
  cisco_xe: ios('show version', 'Cisco IOS XE Software'),
  cisco_nxos: {
    lines: ['interface loopback7', 'description fleetpush test'],
    recorded: 'description fleetpush test',
    bad: 'bogus command here',
    show: 'show version',
    showContains: 'NX-OS',
  },
  cisco_xr: ios('show version', 'IOS XR'),
  arista_eos: ios('show version', 'Arista'),
  juniper_junos: {
    lines: ['set interfaces lo0 description fleetpush-test'],
    recorded: 'set interfaces lo0 description fleetpush-test',
    bad: 'set bogus thing',
    show: 'show version',
    showContains: 'Junos',
  },
  frr: {
    lines: ['interface lo', 'description fleetpush test'],
    recorded: 'description fleetpush test',
    bad: 'bogus command here',
    show: 'show version',
    showContains: 'FRRouting',
  },
  linux: {
    lines: ['sudo sysctl -w net.ipv4.ip_forward=1'],
    recorded: 'sysctl -w net.ipv4.ip_forward=1',
    bad: 'frobnicate --now',
    show: 'uname -a',
    showContains: 'Linux',
  },
};

function ios(show: string, showContains: string): PlatformScript {
  return {
    lines: ['interface Loopback7', 'description fleetpush test'],
    recorded: 'description fleetpush test',
    bad: 'bogus command here',
    show,
    showContains,
  };
}
