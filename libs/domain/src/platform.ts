/** The device platforms fleetpush drives. Each has a profile in libs/ssh and a simulator personality. */
export const Platform = {
  cisco_ios: 'cisco_ios',
  cisco_xe: 'cisco_xe',
  cisco_nxos: 'cisco_nxos',
  cisco_xr: 'cisco_xr',
  arista_eos: 'arista_eos',
  juniper_junos: 'juniper_junos',
  frr: 'frr',
  linux: 'linux',
} as const;

/** A platform name, as used in the inventory's `device_type` column. */
export type Platform = (typeof Platform)[keyof typeof Platform];

/** All platform names. */
export const PLATFORMS: readonly Platform[] = Object.values(Platform);

/**
 * Other spellings operators use for the same platforms (Netmiko device types, the seed
 * system's "generic linux"), mapped to ours. Keys are lower-case.
 */
export const PLATFORM_ALIASES: Readonly<Record<string, Platform>> = {
  ios: 'cisco_ios',
  cisco_ios_ssh: 'cisco_ios',
  iosxe: 'cisco_xe',
  ios_xe: 'cisco_xe',
  cisco_iosxe: 'cisco_xe',
  nxos: 'cisco_nxos',
  cisco_nxos_ssh: 'cisco_nxos',
  iosxr: 'cisco_xr',
  ios_xr: 'cisco_xr',
  cisco_iosxr: 'cisco_xr',
  eos: 'arista_eos',
  arista: 'arista_eos',
  junos: 'juniper_junos',
  juniper: 'juniper_junos',
  vtysh: 'frr',
  'generic linux': 'linux',
  generic_linux: 'linux',
  'generic-linux': 'linux',
};

/** Normalises a `device_type` spelling to a platform, or `undefined` when it is unknown. */
export function parsePlatform(text: string): Platform | undefined {
  const key = text.trim().toLowerCase();
  if ((PLATFORMS as readonly string[]).includes(key)) return key as Platform;
  // Own keys only: `__proto__` or `constructor` must not find Object.prototype's members.
  return Object.hasOwn(PLATFORM_ALIASES, key) ? PLATFORM_ALIASES[key] : undefined;
}
