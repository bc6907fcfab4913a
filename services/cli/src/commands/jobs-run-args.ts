import type { JobSubmissionInput } from '@fleetpush/contracts';
import { UsageError } from '../cli-errors';
import { limitFlags } from '../limit-flag';
import { choiceFlag, CONNECTION_OPTIONS, CONNECTION_USAGE, intFlag } from '../parse-flags';
import { changeWindowFlags, type ChangeWindowValues } from './change-window-flags';

/** Usage of `fleetpush jobs run`. */
export const JOBS_RUN_USAGE = `usage: fleetpush jobs run --commands-file FILE [options]
  --commands-file FILE      config lines, one per line ({{var}} templates); blank lines ignored
  --name NAME               job name (default: "cli: FILE")
  --verify CMD              verify command (repeatable; default: each device's own)
  --rollback-file FILE      config lines that undo the change: run on a device whose post-check
                            assertions fail, and by \`fleetpush jobs undo ID\` on every device changed
  --targets SEL             all | KEY,KEY,... | tag:NAME | type:PLATFORM (default all)
  --canary KEY              the device that runs first, alone (default: the first target)
  --concurrency N           devices in flight per wave (default 10)
  --stagger-ms N            minimum gap between device starts
  --waves LIST              wave sizes, e.g. 1,10%,100% (default: one wave)
  --limit RULE              at most N devices of a group in flight at once, across the job
                            (repeatable): tag:NAME=N groups the devices tagged NAME, per:VAR=N
                            those with the same value of the variable VAR (host var, inventory
                            column or --var); e.g. --limit tag:core=1 --limit per:site=1.
                            Devices without the tag or the variable are not limited
  --max-failures N          failures tolerated per wave (default: stop at the first)
  --retries N               automatic retries per device before apply (default 1)
  --save                    save the configuration after applying
  --verify-mode MODE        all | canary | none (default all)
  --scope SCOPE             all | canary: who gets the commands (default all)
  --pause-after-canary      hold after the canary until \`fleetpush jobs resume ID\`
  --start-at TIME           schedule the job: it waits queued until TIME, an ISO 8601 time with a
                            zone (2026-12-08T02:00:00Z) or +30m / +2h / +1d from now;
                            \`fleetpush jobs start ID\` starts it early
  --end-at TIME             close its change window at TIME (as for --start-at): no device starts
                            after it, those left end skipped and the job cancelled
  --var NAME=VALUE          template variable for every device (repeatable)
  --confirm-prod            allow production devices among the targets (admin token)
  --idempotency-key KEY     a retried submission with the same key returns the first job
  --dry-run                 render and connect, change nothing
  --wait                    follow the job to its end; exit 0 completed, 1 failed, 3 cancelled
  --preview                 submit nothing: show what the job would do (accepted or refused with
                            each problem, canary and waves, what each --limit covers, production
                            devices, approval, the canary's rendered commands, devices with
                            unresolved or unsafe variables); exit 0 if it would be accepted, 2 if
                            refused. --json: the API's preview. Not with --wait
${CONNECTION_USAGE}`;

/** The flags of `fleetpush jobs run`. */
export const JOBS_RUN_OPTIONS = {
  ...CONNECTION_OPTIONS,
  'commands-file': { type: 'string' },
  'rollback-file': { type: 'string' },
  name: { type: 'string' },
  verify: { type: 'string', multiple: true },
  targets: { type: 'string' },
  canary: { type: 'string' },
  concurrency: { type: 'string' },
  'stagger-ms': { type: 'string' },
  waves: { type: 'string' },
  limit: { type: 'string', multiple: true },
  'max-failures': { type: 'string' },
  retries: { type: 'string' },
  save: { type: 'boolean' },
  'verify-mode': { type: 'string' },
  scope: { type: 'string' },
  'pause-after-canary': { type: 'boolean' },
  'start-at': { type: 'string' },
  'end-at': { type: 'string' },
  var: { type: 'string', multiple: true },
  'confirm-prod': { type: 'boolean' },
  'idempotency-key': { type: 'string' },
  'dry-run': { type: 'boolean' },
  wait: { type: 'boolean' },
  preview: { type: 'boolean' },
} as const;

/** The parsed values of {@link JOBS_RUN_OPTIONS} that shape the submission. */
export interface JobsRunValues extends ChangeWindowValues {
  readonly name?: string | undefined;
  readonly verify?: string[] | undefined;
  readonly targets?: string | undefined;
  readonly canary?: string | undefined;
  readonly concurrency?: string | undefined;
  readonly 'stagger-ms'?: string | undefined;
  readonly waves?: string | undefined;
  readonly limit?: string[] | undefined;
  readonly 'max-failures'?: string | undefined;
  readonly retries?: string | undefined;
  readonly save?: boolean | undefined;
  readonly 'verify-mode'?: string | undefined;
  readonly scope?: string | undefined;
  readonly 'pause-after-canary'?: boolean | undefined;
  readonly var?: string[] | undefined;
  readonly 'confirm-prod'?: boolean | undefined;
  readonly 'dry-run'?: boolean | undefined;
}

/** The config lines of a commands file: trailing whitespace and blank lines dropped. */
export function commandLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== '');
}

/** `--waves 1,10%,100%` as wave sizes (counts or percentages). */
export function parseWaves(raw: string): (number | `${number}%`)[] {
  return raw.split(',').map((part) => {
    const item = part.trim();
    if (/^\d+$/.test(item) && Number(item) >= 1) return Number(item);
    if (/^\d+(\.\d+)?%$/.test(item)) return item as `${number}%`;
    throw new UsageError(
      `--waves takes counts and percentages like 1,10%,100%; "${item}" is neither`,
      JOBS_RUN_USAGE,
    );
  });
}

/** `--var NAME=VALUE` flags as a variable map (the API validates names and values). */
export function parseVars(raw: readonly string[]): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const item of raw) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new UsageError(`--var takes NAME=VALUE, got "${item}"`, JOBS_RUN_USAGE);
    vars[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return vars;
}

/** `--targets` as selectors: `all`, `tag:NAME`, `type:PLATFORM` or device keys, comma-separated. */
export function parseTargets(raw: string | undefined): string[] {
  if (raw === undefined) return ['all'];
  const targets = raw
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '');
  if (targets.length === 0) throw new UsageError('--targets is empty', JOBS_RUN_USAGE);
  return targets;
}

function strategyOf(values: JobsRunValues): NonNullable<JobSubmissionInput['strategy']> {
  const u = JOBS_RUN_USAGE;
  const concurrency = intFlag('concurrency', values.concurrency, 1, u);
  const staggerMs = intFlag('stagger-ms', values['stagger-ms'], 0, u);
  const maxFailures = intFlag('max-failures', values['max-failures'], 0, u);
  const limits = limitFlags(values.limit, u);
  return {
    ...(concurrency !== undefined && { concurrency }),
    ...(staggerMs !== undefined && { stagger_ms: staggerMs }),
    ...(maxFailures !== undefined && { max_failures: maxFailures }),
    ...(values.waves !== undefined && { waves: parseWaves(values.waves) }),
    ...(limits !== undefined && { limits }),
  };
}

/**
 * The job submission `fleetpush jobs run` sends, from its flags and the commands file's text;
 * a relative `--start-at` / `--end-at` counts from `now`. Flag shapes are checked here (naming
 * the flag); the API checks the rest (naming the field).
 */
export function buildSubmission(
  values: JobsRunValues,
  commandsFile: string,
  commandsText: string,
  rollbackText?: string,
  now: Date = new Date(),
): JobSubmissionInput {
  const u = JOBS_RUN_USAGE;
  const commands = commandLines(commandsText);
  if (commands.length === 0) throw new UsageError(`${commandsFile} has no command line`, u);
  const retries = intFlag('retries', values.retries, 0, u);
  const verifyMode = choiceFlag('verify-mode', values['verify-mode'], ['all', 'canary', 'none'], u);
  const scope = choiceFlag('scope', values.scope, ['all', 'canary'], u);
  const vars = parseVars(values.var ?? []);
  const rollback = rollbackText === undefined ? [] : commandLines(rollbackText);
  const window = changeWindowFlags(values, now, u);
  return {
    name: values.name ?? `cli: ${commandsFile}`,
    commands,
    targets: parseTargets(values.targets),
    strategy: strategyOf(values),
    ...(values.verify !== undefined && { verify_commands: values.verify }),
    ...(rollback.length > 0 && { rollback_commands: rollback }),
    ...(values.canary !== undefined && { canary: values.canary }),
    ...(retries !== undefined && { retry: { attempts: retries + 1 } }),
    ...(verifyMode !== undefined && { verify_mode: verifyMode }),
    ...(scope !== undefined && { command_scope: scope }),
    ...(Object.keys(vars).length > 0 && { global_vars: vars }),
    ...(values.save && { save_config: true }),
    ...(values['pause-after-canary'] && { pause_after_canary: true }),
    ...(values['confirm-prod'] && { confirm_prod: true }),
    ...(values['dry-run'] && { dry_run: true }),
    ...(window !== undefined && { window }),
  };
}
