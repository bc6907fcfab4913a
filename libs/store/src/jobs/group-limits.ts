import { limitRule, type GroupLimit } from '@fleetpush/contracts';
import type { TemplateScope } from '@fleetpush/domain';

/** A job's devices grouped under its `strategy.limits`, numbered for the coordinator. */
export interface DeviceGroups {
  /** Each group's cap, by group id − 1. */
  readonly caps: readonly number[];
  /** Each group's name (`tag core`, `site=ams`), by group id − 1. */
  readonly names: readonly string[];
  /** Each device's group ids (from 1), by device index; empty when no limit covers it. */
  readonly ofDevice: readonly (readonly number[])[];
}

/** What a rule covers, as the preview tells it. */
export interface LimitCoverage {
  /** The rule in words: `tag core` or `per site`. */
  readonly rule: string;
  readonly concurrency: number;
  /** Distinct groups the rule makes among the targets (1 for a tag rule that covers any). */
  readonly groups: number;
  /** Target devices the rule covers. */
  readonly devices: number;
}

/** One target as the limits see it. */
export interface GroupedDevice {
  readonly tags: readonly string[];
  /** The device's variables (host_vars, inventory columns, global_vars), as templates see them. */
  readonly scope: TemplateScope;
}

/** The group a rule puts a device in, or undefined when the rule does not cover it. */
function groupName(limit: GroupLimit, device: GroupedDevice): string | undefined {
  if (limit.tag !== undefined)
    return device.tags.includes(limit.tag) ? `tag ${limit.tag}` : undefined;
  const value = device.scope.get(limit.per!)?.value;
  return value === undefined || value === '' ? undefined : `${limit.per}=${value}`;
}

/**
 * Groups the job's devices (by index) under its limits. Each rule makes its own groups (two
 * rules naming the same tag are two groups, each with its cap). Undefined when the job has no
 * limits or they cover no device.
 */
export function planGroups(
  limits: readonly GroupLimit[] | undefined,
  devices: readonly GroupedDevice[],
): DeviceGroups | undefined {
  if (limits === undefined || limits.length === 0) return undefined;
  const caps: number[] = [];
  const names: string[] = [];
  const ofDevice: number[][] = devices.map(() => []);
  for (const limit of limits) {
    const ids = new Map<string, number>();
    devices.forEach((device, i) => {
      const name = groupName(limit, device);
      if (name === undefined) return;
      let id = ids.get(name);
      if (id === undefined) {
        caps.push(limit.concurrency);
        names.push(name);
        id = caps.length;
        ids.set(name, id);
      }
      ofDevice[i]!.push(id);
    });
  }
  return caps.length === 0 ? undefined : { caps, names, ofDevice };
}

/** What each rule covers among the targets (the preview shows it: a typo covers nothing). */
export function limitCoverage(
  limits: readonly GroupLimit[] | undefined,
  devices: readonly GroupedDevice[],
): LimitCoverage[] {
  return (limits ?? []).map((limit) => {
    const names = devices.map((d) => groupName(limit, d)).filter((n) => n !== undefined);
    return {
      rule: limitRule(limit),
      concurrency: limit.concurrency,
      groups: new Set(names).size,
      devices: names.length,
    };
  });
}
