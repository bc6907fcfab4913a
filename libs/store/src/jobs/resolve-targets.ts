import type { Problem, StoredDevice } from '@fleetpush/contracts';
import { deviceKey, parseDeviceKey } from '@fleetpush/domain';

/** Targets resolved against the inventory: unique devices in order of first mention. */
export interface ResolvedTargets {
  readonly devices: StoredDevice[];
  readonly problems: Problem[];
}

function matchSelector(
  selector: string,
  inventory: readonly StoredDevice[],
  byKey: ReadonlyMap<string, StoredDevice>,
): StoredDevice[] | undefined {
  if (selector === 'all') return [...inventory];
  if (selector.startsWith('tag:'))
    return inventory.filter((d) => d.tags.includes(selector.slice(4)));
  if (selector.startsWith('type:'))
    return inventory.filter((d) => d.device_type === selector.slice(5));
  const parsed = parseDeviceKey(selector);
  if (!parsed.ok) return undefined;
  const key = deviceKey(parsed.value.host, parsed.value.port);
  const device = byKey.get(key);
  return device ? [device] : undefined;
}

/**
 * Resolves target selectors (`all`, `tag:NAME`, `type:PLATFORM`, device keys) against the
 * inventory. A key that is not in the inventory, or a selector that matches nothing, is a
 * problem naming the selector's position.
 */
export function resolveTargets(
  selectors: readonly string[],
  inventory: readonly StoredDevice[],
): ResolvedTargets {
  const seen = new Set<string>();
  const devices: StoredDevice[] = [];
  const problems: Problem[] = [];
  // One index, so that 10,000 key selectors cost 10,000 lookups, not 10,000 scans.
  const byKey = new Map(inventory.map((d) => [d.key, d]));
  selectors.forEach((selector, i) => {
    const matched = matchSelector(selector, inventory, byKey);
    if (!matched || matched.length === 0) {
      const what = matched ? 'matches no device in the inventory' : 'is not in the inventory';
      problems.push({ path: `targets[${i}]`, message: `"${selector}" ${what}` });
      return;
    }
    for (const device of matched) {
      if (seen.has(device.key)) continue;
      seen.add(device.key);
      devices.push(device);
    }
  });
  return { devices, problems };
}
