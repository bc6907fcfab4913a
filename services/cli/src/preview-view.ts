import { limitCoverageText, type JobPreview, type LimitCoverage } from '@fleetpush/contracts';

/** One plan of a preview (`plan` of `POST /jobs/preview`, when the targets make one). */
type PreviewPlan = NonNullable<JobPreview['plan']>;

/** One device of a preview. */
type PreviewDevice = JobPreview['devices'][number];

/** How many items a line names before it says how many more there are. */
const NAMED = 3;

/**
 * The first few of a list, then how many more there are: `a, b, c and 7 more` (with `separator`
 * between the items named), so that a line about a whole fleet stays short.
 */
export function firstFew(items: readonly string[], separator = ', '): string {
  const rest = items.length - NAMED;
  return `${items.slice(0, NAMED).join(separator)}${rest > 0 ? ` and ${rest} more` : ''}`;
}

/** Wave sizes in words, runs of one size counted: `4, 95` or `1, 3 × 10, 5`. */
export function waveSizesText(waves: readonly number[]): string {
  const runs: { size: number; count: number }[] = [];
  for (const size of waves) {
    const last = runs.at(-1);
    if (last?.size === size) last.count += 1;
    else runs.push({ size, count: 1 });
  }
  return runs.map((r) => (r.count === 1 ? String(r.size) : `${r.count} × ${r.size}`)).join(', ');
}

/** `canary KEY, then waves of 4, 95 (10 at a time, stagger 0 ms)`. */
function planLine(plan: PreviewPlan): string {
  const waves =
    plan.waves.length === 0
      ? ' alone'
      : `, then ${plan.waves.length === 1 ? 'a wave' : 'waves'} of ${waveSizesText(plan.waves)}`;
  return `canary ${plan.canary}${waves} (${plan.concurrency} at a time, stagger ${plan.stagger_ms} ms)`;
}

/** `limit per site: at most 1 at a time — 3 groups, 12 devices`, or that it covers nothing. */
export function limitLine(limit: LimitCoverage): string {
  return `limit ${limitCoverageText(limit).text}`;
}

/** Whether it would be accepted (and by which role), or refused with each problem. */
function verdictLines(preview: JobPreview): string[] {
  if (preview.ok) return [`would be accepted (needs the ${preview.needs_role} role)`];
  return ['would be REFUSED:', ...preview.problems.map((p) => `  ${p.path}: ${p.message}`)];
}

/** The production devices and the approval it would wait for, when it has them. */
function gateLines(preview: JobPreview): string[] {
  const prod = preview.prod_devices;
  return [
    ...(prod.length > 0 ? [`production devices: ${prod.length} (${firstFew(prod)})`] : []),
    ...(preview.needs_approval ? ['awaits approval by someone else after submission'] : []),
  ];
}

/** What the canary would run (its config lines, then `verify: CMD` each), indented. */
function renderedLines(device: PreviewDevice): string[] {
  if (device.commands === null) return ['  not rendered: a variable has no safe value (below)'];
  return [
    ...device.commands.map((line) => `  ${line}`),
    ...(device.verify ?? []).map((cmd) => `  verify: ${cmd}`),
  ];
}

/** How many devices, and the first one (the canary) with its rendered commands. */
function deviceLines(devices: readonly PreviewDevice[]): string[] {
  const first = devices.find((d) => d.canary) ?? devices[0];
  if (first === undefined) return ['devices: none'];
  const role = first.canary ? ' (canary)' : '';
  return [`devices: ${devices.length} — first: ${first.key}${role}`, ...renderedLines(first)];
}

/**
 * The devices whose variables `pick` names, as one line naming the first few with theirs:
 * `devices with unresolved variables: 3 (a:22: loopback; b:22: loopback, site and 1 more)`;
 * none when no device has any.
 */
function variableLines(
  devices: readonly PreviewDevice[],
  what: string,
  pick: (d: PreviewDevice) => readonly string[],
): string[] {
  const named = devices
    .filter((d) => pick(d).length > 0)
    .map((d) => `${d.key}: ${pick(d).join(', ')}`);
  if (named.length === 0) return [];
  return [`devices with ${what}: ${named.length} (${firstFew(named, '; ')})`];
}

/**
 * What `fleetpush jobs run --preview` prints of `POST /jobs/preview`'s answer, a line each: whether
 * the job would be accepted (and which role submits it) or refused (each problem `  path: message`),
 * the run plan, what each `--limit` rule covers (a rule covering no target is named as a likely
 * typo), the production devices and the approval it would await, each warning, the device count
 * with the canary's rendered commands, and the devices with unresolved or unsafe variables. It
 * names the first few of any list, so that a fleet of 10,000 stays a screenful.
 */
export function renderPreview(preview: JobPreview): string {
  const { plan, devices } = preview;
  const lines = [
    ...verdictLines(preview),
    ...(plan === null ? [] : [planLine(plan), ...(plan.limits ?? []).map(limitLine)]),
    ...gateLines(preview),
    ...preview.warnings.map((w) => `warning: ${w.detail}`),
    ...deviceLines(devices),
    ...variableLines(devices, 'unresolved variables', (d) => d.unresolved),
    ...variableLines(devices, 'unsafe values', (d) => d.unsafe),
  ];
  return `${lines.join('\n')}\n`;
}
