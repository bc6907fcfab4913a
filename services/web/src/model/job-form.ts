import type { DeviceView, JobSubmissionInput } from '@fleetpush/contracts';
import { windowOf, type WindowFields } from './change-window';
import { limitsOf, type GroupLimitFields } from './group-limits';

/** How targets are chosen. */
export type TargetMode = 'all' | 'tag' | 'type' | 'pick';

/** Failure budget kinds. */
export type BudgetMode = 'stop' | 'count' | 'pct' | 'none';

/** Everything the New job form holds. */
export interface JobForm extends WindowFields, GroupLimitFields {
  name: string;
  commands: string;
  verify: string;
  verifyMode: 'all' | 'canary' | 'none';
  commandScope: 'all' | 'canary';
  globalVars: string;
  targetMode: TargetMode;
  tag: string;
  type: string;
  picked: ReadonlySet<string>;
  canary: string;
  waves: string;
  concurrency: number;
  staggerMs: number;
  budgetMode: BudgetMode;
  budget: number;
  attempts: number;
  deviceTimeoutS: number;
  dryRun: boolean;
  saveConfig: boolean;
  pauseAfterCanary: boolean;
  rollback: string;
}

/** A fresh form. */
export function emptyForm(): JobForm {
  return {
    name: '',
    commands: '',
    verify: '',
    verifyMode: 'all',
    commandScope: 'all',
    globalVars: '',
    targetMode: 'all',
    tag: '',
    type: '',
    picked: new Set(),
    canary: '',
    waves: '',
    concurrency: 10,
    staggerMs: 0,
    limits: [],
    budgetMode: 'stop',
    budget: 1,
    attempts: 2,
    deviceTimeoutS: 180,
    dryRun: false,
    saveConfig: false,
    pauseAfterCanary: false,
    rollback: '',
    windowStart: '',
    windowEnd: '',
  };
}

/** Non-blank lines of a text area. */
export function linesOf(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l.trim() !== '');
}

/** `key=value` lines as an object; bad lines are reported by line number. */
export function parseVars(text: string): { vars: Record<string, string>; problems: string[] } {
  const vars: Record<string, string> = {};
  const problems: string[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    const eq = line.indexOf('=');
    const key = eq > 0 ? line.slice(0, eq).trim() : '';
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) problems.push(`line ${i + 1}: expected name=value`);
    else vars[key] = line.slice(eq + 1).trim();
  });
  return { vars, problems };
}

/** The devices the form targets, in inventory order. */
export function targetedDevices(form: JobForm, devices: readonly DeviceView[]): DeviceView[] {
  switch (form.targetMode) {
    case 'tag':
      return devices.filter((d) => d.tags.includes(form.tag));
    case 'type':
      return devices.filter((d) => d.device_type === form.type);
    case 'pick':
      return devices.filter((d) => form.picked.has(d.key));
    default:
      return [...devices];
  }
}

/** The run order the server uses: the canary (chosen or first) first, then the others. */
export function runOrder(form: JobForm, targets: readonly DeviceView[]): DeviceView[] {
  const canary = targets.find((d) => d.key === form.canary) ?? targets[0];
  if (!canary) return [];
  if (form.commandScope === 'canary') return [canary];
  return [canary, ...targets.filter((d) => d !== canary)];
}

function targetSelectors(form: JobForm): string[] {
  switch (form.targetMode) {
    case 'tag':
      return [`tag:${form.tag}`];
    case 'type':
      return [`type:${form.type}`];
    case 'pick':
      return [...form.picked];
    default:
      return ['all'];
  }
}

function waveSizes(text: string): (number | `${number}%`)[] | undefined {
  const parts = text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0) return undefined;
  return parts.map((p) => (p.endsWith('%') ? (p as `${number}%`) : Number(p)));
}

function budgetOf(form: JobForm): Record<string, number | boolean> {
  switch (form.budgetMode) {
    case 'count':
      return { max_failures: form.budget };
    case 'pct':
      return { max_failure_pct: form.budget };
    case 'none':
      return { stop_on_error: false };
    default:
      return { stop_on_error: true };
  }
}

/** The submission the form describes (the server validates it again). */
export function toSubmission(
  form: JobForm,
  canary: string | undefined,
  confirmProd: boolean,
): JobSubmissionInput {
  const verify = linesOf(form.verify);
  const rollback = linesOf(form.rollback);
  const waves = waveSizes(form.waves);
  const changeWindow = windowOf(form);
  const limits = limitsOf(form);
  return {
    name: form.name.trim(),
    commands: linesOf(form.commands),
    ...(verify.length > 0 ? { verify_commands: verify } : {}),
    verify_mode: form.verifyMode,
    command_scope: form.commandScope,
    targets: targetSelectors(form),
    ...(canary ? { canary } : {}),
    global_vars: parseVars(form.globalVars).vars,
    strategy: {
      ...(waves ? { waves } : {}),
      concurrency: form.concurrency,
      stagger_ms: form.staggerMs,
      ...budgetOf(form),
      ...(limits ? { limits } : {}),
    },
    retry: { attempts: form.attempts },
    timeouts: { device_ms: form.deviceTimeoutS * 1000 },
    ...(rollback.length > 0 ? { rollback_commands: rollback } : {}),
    dry_run: form.dryRun,
    save_config: form.saveConfig,
    pause_after_canary: form.pauseAfterCanary,
    confirm_prod: confirmProd,
    ...(changeWindow ? { window: changeWindow } : {}),
  };
}
