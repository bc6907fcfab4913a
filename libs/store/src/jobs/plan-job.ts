import type { DeviceTaskSpec, JobSubmission, Problem, StoredDevice } from '@fleetpush/contracts';
import {
  buildTemplateScope,
  planRun,
  preflightTemplates,
  type FailureBudget,
  type TemplateProblem,
  type TemplateScope,
  type TemplateWarning,
} from '@fleetpush/domain';
import type { NewJob } from '../coordinator/create-job';
import { planWindow } from './change-window';
import { devicesNamed, groupByDetail } from './devices-named';
import { planGroups } from './group-limits';
import { resolveTargets } from './resolve-targets';

/** What {@link planJob} needs. */
export interface PlanJobInput {
  readonly id: string;
  readonly actor: string;
  readonly now: Date;
  readonly submission: JobSubmission;
  /** The inventory, in its own order (`all` follows it). */
  readonly inventory: readonly StoredDevice[];
}

/** A planned job, ready to store, with what the operator should know. */
export interface PlannedJob {
  readonly job: NewJob;
  readonly warnings: readonly TemplateWarning[];
  /** Production devices among the targets. */
  readonly prodDevices: readonly string[];
}

/** The budget a submission asks for: nothing said = stop at the first failure, as nw-edit did. */
export function budgetOf(submission: JobSubmission): FailureBudget {
  const { max_failures, max_failure_pct, stop_on_error } = submission.strategy;
  if (max_failures !== undefined || max_failure_pct !== undefined) {
    return { maxFailures: max_failures, maxFailurePct: max_failure_pct };
  }
  return stop_on_error === false ? {} : { stopOnError: true };
}

/** The verify commands a device runs under the submission's `verify_mode`. */
export function verifyFor(
  submission: JobSubmission,
  device: StoredDevice,
  isCanary: boolean,
): string[] {
  if (submission.verify_mode === 'none' || (submission.verify_mode === 'canary' && !isCanary))
    return [];
  return [...(submission.verify_commands ?? device.verify_commands)];
}

/**
 * The template problems as the refusal states them: a template's own once, a device's grouped
 * with every device that has the same one (a variable missing fleet-wide is one problem).
 */
function templateProblems(found: readonly TemplateProblem[]): Problem[] {
  const problems: Problem[] = [];
  const perDevice: { path: string; detail: string; deviceKey: string }[] = [];
  for (const p of found) {
    if (p.kind === 'unsafe_template') {
      const part = p.part === 'commands' ? 'commands' : 'verify_commands';
      problems.push({ path: `${part}[${p.line - 1}]`, message: p.detail });
    } else {
      const path = p.kind === 'unresolved' ? 'commands' : 'global_vars';
      perDevice.push({ path, detail: p.detail, deviceKey: p.deviceKey });
    }
  }
  for (const g of groupByDetail(perDevice))
    problems.push({ path: g.path, message: `${devicesNamed(g.keys)}: ${g.detail}` });
  return problems;
}

function credentialProblems(devices: readonly StoredDevice[]): Problem[] {
  const keys = devices
    .filter((d) => d.username === undefined || d.password_sealed === undefined)
    .map((d) => d.key);
  if (keys.length === 0) return [];
  const verb = keys.length === 1 ? 'has' : 'have';
  return [
    {
      path: 'targets',
      message: `${devicesNamed(keys)} ${verb} no username and password in the inventory`,
    },
  ];
}

/** The template variables of one device under a submission (global, host and device facts). */
export function templateScopeOf(submission: JobSubmission, d: StoredDevice): TemplateScope {
  return buildTemplateScope({
    globalVars: submission.global_vars,
    hostVars: d.host_vars,
    device: {
      host: d.host,
      port: d.port,
      deviceType: d.device_type,
      name: d.name,
      prod: d.prod,
      columns: d.vars,
    },
  });
}

function taskOf(
  device: StoredDevice,
  isCanary: boolean,
  commands: readonly string[],
  verify: readonly string[],
): DeviceTaskSpec {
  return {
    key: device.key,
    host: device.host,
    port: device.port,
    platform: device.device_type,
    name: device.name,
    prod: device.prod,
    isCanary,
    commands: [...commands],
    verify: [...verify],
    credentials: {
      username: device.username ?? '',
      password_sealed: device.password_sealed,
      enable_secret_sealed: device.enable_secret_sealed,
    },
    host_key: device.host_key,
    legacy_algorithms: device.legacy_algorithms,
  };
}

/** The devices a job touches, canary first, and the target problems found. */
export function pickDevices(input: PlanJobInput): { devices: StoredDevice[]; problems: Problem[] } {
  const { submission } = input;
  const resolved = resolveTargets(submission.targets, input.inventory);
  const problems = [...resolved.problems];
  const canaryKey = submission.canary ?? resolved.devices[0]?.key;
  const canary = resolved.devices.find((d) => d.key === canaryKey);
  if (submission.canary !== undefined && !canary) {
    problems.push({ path: 'canary', message: `${submission.canary} is not among the targets` });
  }
  const others = resolved.devices.filter((d) => d !== canary);
  const devices = canary ? [canary, ...(submission.command_scope === 'canary' ? [] : others)] : [];
  return { devices, problems };
}

/**
 * Turns a validated submission into a job to store: resolves the targets, checks production
 * confirmation and credentials, renders every device's commands (refusing the job with every
 * problem at once) and plans the canary and waves. Pure: touches no device and no Redis.
 */
export function planJob(
  input: PlanJobInput,
): { ok: true; value: PlannedJob } | { ok: false; problems: Problem[] } {
  const { submission } = input;
  const { devices, problems } = pickDevices(input);
  if (devices.length === 0) {
    return {
      ok: false,
      problems:
        problems.length > 0 ? problems : [{ path: 'targets', message: 'no device to run on' }],
    };
  }
  const prodDevices = devices.filter((d) => d.prod).map((d) => d.key);
  if (prodDevices.length > 0 && !submission.confirm_prod) {
    problems.push({
      path: 'confirm_prod',
      message: `production devices targeted: ${devicesNamed(prodDevices)}; set confirm_prod to true`,
    });
  }
  problems.push(...credentialProblems(devices));
  const planned = planWindow(submission, input.now);
  problems.push(...planned.problems);
  const scopes = devices.map((d) => templateScopeOf(submission, d));
  const preflight = preflightTemplates({
    commands: submission.commands,
    devices: devices.map((d, i) => ({
      deviceKey: d.key,
      verify: verifyFor(submission, d, i === 0),
      scope: scopes[i]!,
    })),
  });
  if (!preflight.ok) problems.push(...templateProblems(preflight.problems));
  const budget = budgetOf(submission);
  const strategy = {
    waves: submission.strategy.waves,
    concurrency: submission.strategy.concurrency,
    staggerMs: submission.strategy.stagger_ms,
    budget,
  };
  const plan = planRun({
    targets: devices.map((_, i) => i),
    canary: devices.length > 0 ? 0 : undefined,
    strategy,
  });
  if (!plan.ok) problems.push(...plan.error.map((e) => ({ path: e.field, message: e.message })));
  if (problems.length > 0 || !preflight.ok || !plan.ok) return { ok: false, problems };
  const job: NewJob = {
    id: input.id,
    name: submission.name,
    actor: input.actor,
    createdAt: input.now,
    spec: submission,
    devices: devices.map((d, i) => ({
      key: d.key,
      task: taskOf(d, i === 0, preflight.rendered[i]!.commands, preflight.rendered[i]!.verify),
    })),
    plan: plan.value,
    concurrency: strategy.concurrency,
    staggerMs: strategy.staggerMs,
    budget,
    pauseAfterCanary: submission.pause_after_canary,
    groups: planGroups(
      submission.strategy.limits,
      devices.map((d, i) => ({ tags: d.tags, scope: scopes[i]! })),
    ),
    ...planned.window,
  };
  return { ok: true, value: { job, warnings: preflight.warnings, prodDevices } };
}
