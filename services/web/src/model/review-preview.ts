import {
  limitCapText,
  limitCoverageText,
  limitRule,
  type GroupLimit,
  type JobPreview,
} from '@fleetpush/contracts';

/** What the review shows for one device. */
export interface DevicePreview {
  readonly key: string;
  readonly name?: string;
  readonly prod: boolean;
  readonly canary: boolean;
  /** Rendered apply commands (empty when a variable does not resolve). */
  readonly commands: readonly string[];
  readonly verify: readonly string[];
  /** Problems in the operator's words (unresolved or unsafe variables). */
  readonly problems: readonly string[];
}

/**
 * The review's devices from the server's answer (`POST /jobs/preview`, authoritative), in its
 * order (the canary first); a device with unresolved or unsafe variables renders nothing.
 */
export function devicePreviewsOf(preview: JobPreview): DevicePreview[] {
  return preview.devices.map((d) => {
    const problems = [
      ...d.unresolved.map((v) => `{{${v}}} is not defined for this device`),
      ...d.unsafe.map((v) => `{{${v}}} has an unsafe value (a line break or control character)`),
    ];
    return {
      key: d.key,
      ...(d.name ? { name: d.name } : {}),
      prod: d.prod,
      canary: d.canary,
      commands: problems.length > 0 ? [] : (d.commands ?? []),
      verify: problems.length > 0 ? [] : (d.verify ?? []),
      problems,
    };
  });
}

/** Devices whose rendered commands are identical, shown once. */
export interface RenderingGroup {
  readonly commands: readonly string[];
  readonly verify: readonly string[];
  readonly devices: readonly DevicePreview[];
}

/**
 * Groups rendered devices by identical commands and verify commands, in run order (the
 * canary's group first), so 10,000 devices read as a handful of distinct renderings.
 */
export function groupRenderings(previews: readonly DevicePreview[]): RenderingGroup[] {
  const groups = new Map<
    string,
    { commands: readonly string[]; verify: readonly string[]; devices: DevicePreview[] }
  >();
  for (const p of previews) {
    if (p.problems.length > 0) continue;
    const id = JSON.stringify([p.commands, p.verify]);
    const group = groups.get(id) ?? { commands: p.commands, verify: p.verify, devices: [] };
    group.devices.push(p);
    groups.set(id, group);
  }
  return [...groups.values()];
}

/** The review's line about one group limit; a warning when the rule covers no target device. */
export interface LimitLine {
  readonly text: string;
  readonly warning: boolean;
}

/**
 * The review's group limits, one line per rule in the job's order: what each covers, from the
 * preview; an older API's preview does not say, and the submitted rules are shown as they are.
 */
export function limitLinesOf(preview: JobPreview, limits: readonly GroupLimit[] = []): LimitLine[] {
  const coverage = preview.plan?.limits;
  if (coverage) return coverage.map(limitCoverageText);
  return limits.map((l) => ({ text: limitCapText(limitRule(l), l.concurrency), warning: false }));
}
