import type { DiffRecord } from '@fleetpush/contracts';

/** A device with its diff, as the grouping needs it. */
export interface DiffedDevice {
  readonly key: string;
  readonly diff: DiffRecord | undefined;
}

/** Devices that share one diff. */
export interface DiffGroup {
  /** The diff hash, `empty`, or `none` (no diff computed / no result). */
  readonly id: string;
  readonly label: string;
  readonly diff: DiffRecord | undefined;
  readonly keys: string[];
}

function groupId(diff: DiffRecord | undefined): string {
  if (!diff || diff.status === 'not_computed') return 'none';
  return diff.status === 'empty' ? 'empty' : `hash:${diff.hash}`;
}

function labelOf(id: string, diff: DiffRecord | undefined): string {
  if (id === 'none') return 'no diff';
  if (id === 'empty') return 'no change';
  const d = diff as Extract<DiffRecord, { status: 'changed' }>;
  return `+${d.added} −${d.removed}`;
}

/**
 * Groups devices by identical diff ("412 devices: same diff"), largest group first; devices
 * with a change come before "no change", which comes before "no diff".
 */
export function groupByDiff(devices: readonly DiffedDevice[]): DiffGroup[] {
  const groups = new Map<string, DiffGroup>();
  for (const device of devices) {
    const id = groupId(device.diff);
    let group = groups.get(id);
    if (!group) {
      group = { id, label: labelOf(id, device.diff), diff: device.diff, keys: [] };
      groups.set(id, group);
    }
    group.keys.push(device.key);
  }
  const rank = (g: DiffGroup): number => (g.id === 'none' ? 2 : g.id === 'empty' ? 1 : 0);
  return [...groups.values()].sort((a, b) => rank(a) - rank(b) || b.keys.length - a.keys.length);
}
