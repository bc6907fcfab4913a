import type { DeviceView } from '@fleetpush/contracts';
import { buildTemplateScope, preflightTemplates } from '@fleetpush/domain';

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

/** The parts of a job the preview needs. */
export interface PreviewJob {
  readonly commands: readonly string[];
  readonly verifyCommands: readonly string[] | undefined;
  readonly verifyMode: 'all' | 'canary' | 'none';
  readonly globalVars: Readonly<Record<string, string>>;
}

function verifyFor(job: PreviewJob, device: DeviceView, isCanary: boolean): string[] {
  if (job.verifyMode === 'none' || (job.verifyMode === 'canary' && !isCanary)) return [];
  return [...(job.verifyCommands ?? device.verify_commands)];
}

/**
 * Renders every device's commands with libs/domain's template rules (the server's own), one
 * device at a time so that each shows its own problems. `devices[0]` is the canary.
 */
export function previewDevices(job: PreviewJob, devices: readonly DeviceView[]): DevicePreview[] {
  return devices.map((d, i) => {
    const result = preflightTemplates({
      commands: job.commands,
      devices: [
        {
          deviceKey: d.key,
          verify: verifyFor(job, d, i === 0),
          scope: buildTemplateScope({
            globalVars: job.globalVars,
            hostVars: d.host_vars,
            device: {
              host: d.host,
              port: d.port,
              deviceType: d.device_type,
              ...(d.name ? { name: d.name } : {}),
              prod: d.prod,
              columns: d.vars,
            },
          }),
        },
      ],
    });
    const base = { key: d.key, prod: d.prod, canary: i === 0, ...(d.name ? { name: d.name } : {}) };
    if (result.ok) {
      const r = result.rendered[0];
      return { ...base, commands: r?.commands ?? [], verify: r?.verify ?? [], problems: [] };
    }
    return { ...base, commands: [], verify: [], problems: result.problems.map((p) => p.detail) };
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
