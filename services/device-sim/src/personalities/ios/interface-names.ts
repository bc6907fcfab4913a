/**
 * Canonical interface names as IOS-style CLIs store them: the type may be abbreviated to any
 * unique prefix (`gi0/1`, `Gig 0/1`, `lo0`), the number follows. Unknown or ambiguous types give
 * undefined, which the caller reports as invalid input.
 */
export function canonicalInterface(name: string, types: readonly string[]): string | undefined {
  const match = /^([A-Za-z][A-Za-z-]*)\s*(\d[\d/.:]*)$/.exec(name.trim());
  if (!match) {
    const whole = types.find((t) => t.toLowerCase() === name.trim().toLowerCase());
    return whole;
  }
  const prefix = (match[1] ?? '').toLowerCase();
  const number = match[2] ?? '';
  const exact = types.find((t) => t.toLowerCase() === prefix);
  if (exact) return exact + number;
  const hits = types.filter((t) => t.toLowerCase().startsWith(prefix));
  return hits.length === 1 ? `${hits[0]}${number}` : undefined;
}

/** Rewrites `interface <name>` (and `no interface <name>`) with the canonical name. */
export function canonicalLine(line: string, types: readonly string[]): string {
  const text = line.trim().replace(/\s+/g, ' ');
  const match = /^((?:no )?interface )(.+)$/.exec(text);
  if (!match) return text;
  return `${match[1] ?? ''}${canonicalInterface(match[2] ?? '', types) ?? match[2] ?? ''}`;
}

/** Interface types of classic IOS and IOS-XE. */
export const IOS_INTERFACE_TYPES = [
  'GigabitEthernet',
  'FastEthernet',
  'TenGigabitEthernet',
  'Loopback',
  'Vlan',
  'Port-channel',
  'Tunnel',
  'Serial',
  'Null',
] as const;

/** A management address per device index: 10.x.y.1, unique for 65,536 devices. */
export function deviceAddress(index: number, host = 1): string {
  return `10.${(index >> 8) & 0xff}.${index & 0xff}.${host}`;
}
