/** How many device keys a problem names before it says how many more there are. */
const KEYS_NAMED = 5;

/**
 * Devices as a problem names them: the key of one device, else the count and the first keys
 * (`12 devices (a, b, c, d, e and 7 more)`), so that a refusal over a whole fleet stays short.
 */
export function devicesNamed(keys: readonly string[]): string {
  if (keys.length === 1) return keys[0]!;
  const rest = keys.length - KEYS_NAMED;
  const shown = keys.slice(0, KEYS_NAMED).join(', ');
  return `${keys.length} devices (${shown}${rest > 0 ? ` and ${rest} more` : ''})`;
}

/**
 * Groups per-device problems that say the same thing (same path, same detail), in order of
 * first appearance, each with the keys of its devices.
 */
export function groupByDetail(
  items: readonly { readonly path: string; readonly detail: string; readonly deviceKey: string }[],
): { path: string; detail: string; keys: string[] }[] {
  const groups = new Map<string, { path: string; detail: string; keys: string[] }>();
  for (const item of items) {
    const id = `${item.path}\u0000${item.detail}`;
    const group = groups.get(id) ?? { path: item.path, detail: item.detail, keys: [] };
    group.keys.push(item.deviceKey);
    groups.set(id, group);
  }
  return [...groups.values()];
}
