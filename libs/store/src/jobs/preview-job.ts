import type { JobSubmission, Problem, StoredDevice } from '@fleetpush/contracts';
import {
  planRun,
  preflightTemplates,
  type DeviceTemplateProblem,
  type RenderedDeviceCommands,
  type TemplatePreflightDevice,
} from '@fleetpush/domain';
import {
  budgetOf,
  pickDevices,
  planJob,
  templateScopeOf,
  verifyFor,
  type PlanJobInput,
} from './plan-job';
import { limitCoverage, type LimitCoverage } from './group-limits';

/** One device as a job would touch it. */
export interface PreviewDevice {
  readonly key: string;
  readonly name?: string;
  readonly platform: string;
  readonly prod: boolean;
  readonly canary: boolean;
  /** Rendered apply commands; `null` when a variable does not resolve to a safe value. */
  readonly commands: string[] | null;
  /** Rendered verify commands; `null` as for `commands`. */
  readonly verify: string[] | null;
  /** Variables the templates use that this device has no value for. */
  readonly unresolved: string[];
  /** Variables whose value carries a line break, control or bidi character (never the value). */
  readonly unsafe: string[];
}

/** The run plan a job would follow: the canary, then waves of these sizes. */
export interface PreviewPlan {
  readonly canary: string;
  readonly waves: number[];
  readonly concurrency: number;
  readonly stagger_ms: number;
  /** What each of `strategy.limits` covers among the targets, in its order. */
  readonly limits: LimitCoverage[];
}

/** What submitting a job would do, computed without storing or touching anything. */
export interface JobPreview {
  /** True when `POST /jobs` with this body would be accepted (role checks aside). */
  readonly ok: boolean;
  /** Every problem the submission would be refused with (the same list `POST /jobs` gives). */
  readonly problems: Problem[];
  readonly warnings: { readonly detail: string }[];
  readonly prod_devices: string[];
  readonly plan: PreviewPlan | null;
  readonly devices: PreviewDevice[];
}

type PreflightDevice = TemplatePreflightDevice & { readonly device: StoredDevice };

/**
 * Renders every device in two preflight passes (templates compiled once per pass, so 10,000
 * devices stay fast): the first finds each device's problems; the second renders the devices
 * that have none (the preflight renders nothing while any device has a problem).
 */
function renderAll(
  submission: JobSubmission,
  devices: readonly PreflightDevice[],
): { rendered: Map<string, RenderedDeviceCommands>; problems: DeviceTemplateProblem[] } {
  const first = preflightTemplates({ commands: submission.commands, devices });
  if (first.ok)
    return { rendered: new Map(first.rendered.map((r) => [r.deviceKey, r])), problems: [] };
  const problems = first.problems.filter(
    (p): p is DeviceTemplateProblem => p.kind !== 'unsafe_template',
  );
  if (problems.length < first.problems.length) return { rendered: new Map(), problems };
  const faulty = new Set(problems.map((p) => p.deviceKey));
  const clean = devices.filter((d) => !faulty.has(d.deviceKey));
  const second = preflightTemplates({ commands: submission.commands, devices: clean });
  const rendered = second.ok ? second.rendered : [];
  return { rendered: new Map(rendered.map((r) => [r.deviceKey, r])), problems };
}

function previewDevices(input: PlanJobInput): {
  devices: PreviewDevice[];
  limits: LimitCoverage[];
} {
  const { submission } = input;
  const devices = pickDevices(input).devices.map((device, i) => ({
    device,
    deviceKey: device.key,
    verify: verifyFor(submission, device, i === 0),
    scope: templateScopeOf(submission, device),
  }));
  const { rendered, problems } = renderAll(submission, devices);
  const named = (key: string, kind: DeviceTemplateProblem['kind']): string[] =>
    problems.filter((p) => p.deviceKey === key && p.kind === kind).map((p) => p.variable);
  const limits = limitCoverage(
    submission.strategy.limits,
    devices.map((d) => ({ tags: d.device.tags, scope: d.scope })),
  );
  const previewed = devices.map(({ device: d }, i): PreviewDevice => {
    const r = rendered.get(d.key);
    return {
      key: d.key,
      name: d.name,
      platform: d.device_type,
      prod: d.prod,
      canary: i === 0,
      commands: r ? [...r.commands] : null,
      verify: r ? [...r.verify] : null,
      unresolved: named(d.key, 'unresolved'),
      unsafe: named(d.key, 'unsafe_value'),
    };
  });
  return { devices: previewed, limits };
}

function previewPlan(
  input: PlanJobInput,
  devices: readonly PreviewDevice[],
  limits: LimitCoverage[],
): PreviewPlan | null {
  const { strategy } = input.submission;
  const plan = planRun({
    targets: devices.map((_, i) => i),
    canary: devices.length > 0 ? 0 : undefined,
    strategy: {
      waves: strategy.waves,
      concurrency: strategy.concurrency,
      staggerMs: strategy.stagger_ms,
      budget: budgetOf(input.submission),
    },
  });
  if (!plan.ok) return null;
  return {
    canary: devices[plan.value.canary]?.key ?? '',
    waves: plan.value.waves.map((w) => w.length),
    concurrency: strategy.concurrency,
    stagger_ms: strategy.stagger_ms,
    limits,
  };
}

/**
 * Previews a submission: what `planJob` would accept or refuse (its very problems), every
 * device's rendered commands and verify commands (or which variables are missing or unsafe),
 * the production devices and the run plan. Pure: touches no device and no Redis.
 */
export function previewJob(input: PlanJobInput): JobPreview {
  const planned = planJob(input);
  const { devices, limits } = previewDevices(input);
  return {
    ok: planned.ok,
    problems: planned.ok ? [] : planned.problems,
    warnings: planned.ok ? planned.value.warnings.map((w) => ({ detail: w.detail })) : [],
    prod_devices: devices.filter((d) => d.prod).map((d) => d.key),
    plan: previewPlan(input, devices, limits),
    devices,
  };
}
