import { startFleet, type FaultSpec } from '@fleetpush/device-sim';
import { JobReader, redisKeys, RunCoordinator } from '@fleetpush/store';
import { installLeakCheck, withRedis, type TestRedis } from '@fleetpush/testing';
import type { BrowserContextOptions, Locator, Page } from 'playwright-core';
import { browserForSuite } from './__test-support__/browser';
import { startNewJob } from './__test-support__/new-job-form';
import {
  ADMIN_TOKEN,
  ensureWebBuilt,
  startWebStack,
  type WebStack,
  type WebStackOptions,
} from './__test-support__/web-stack';

const UI_TIMEOUT = 30_000;
const HEADER = 'host,port,device_type,username,password,name,prod';

installLeakCheck();

const newPage = browserForSuite(ensureWebBuilt);

/**
 * How {@link withSignedInPage} sets up: its workers (none: most forms run no device), browser
 * and API configuration.
 */
interface SignedInOptions {
  readonly workers?: number;
  readonly browser?: BrowserContextOptions;
  readonly stack?: WebStackOptions;
}

/** Signs a page in to the stack with `token`, once the navigation shows. */
async function signIn(page: Page, stack: WebStack, token: string): Promise<void> {
  await page.goto(stack.url);
  await page.getByLabel('API token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor({ timeout: UI_TIMEOUT });
}

/** A page signed in to a stack as its admin; no workers unless asked (most forms run none). */
async function withSignedInPage(
  fn: (page: Page, stack: WebStack, ctx: TestRedis) => Promise<void>,
  { workers = 0, browser, stack: configured }: SignedInOptions = {},
): Promise<void> {
  await withRedis(async (ctx) => {
    const stack = await startWebStack(ctx, workers, configured);
    const page = await newPage(browser);
    try {
      await signIn(page, stack, ADMIN_TOKEN);
      await fn(page, stack, ctx);
    } finally {
      await page.close();
      await stack.close();
    }
  });
}

/** An admin's JSON request to the stack's API; the parsed answer. */
async function apiJson<T = unknown>(
  stack: WebStack,
  method: string,
  path: string,
  body: unknown,
): Promise<T> {
  const res = await fetch(`${stack.url}/api/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${ADMIN_TOKEN}`,
      'content-type': typeof body === 'string' ? 'text/csv' : 'application/json',
    },
    ...(body !== undefined && {
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  });
  const answer: unknown = await res.json();
  expect([path, res.status, res.ok ? '' : answer]).toEqual([path, res.status, '']);
  return answer as T;
}

/** How {@link withFleetPage} sets up, beyond {@link SignedInOptions}: its simulated fleet. */
interface FleetPageOptions extends Omit<SignedInOptions, 'workers'> {
  /** Faults every device starts with (`bannerDelayMs`: devices that take their time). */
  readonly faults?: FaultSpec;
  /** An inventory column every device is imported with, e.g. `{ site: 'ams' }`. */
  readonly column?: { readonly name: string; readonly value: string };
}

/** A fleet's inventory CSV with one more column, the same value on every row. */
function withColumn(csv: string, { name, value }: { name: string; value: string }): string {
  const [header = '', ...rows] = csv.trimEnd().split('\n');
  return `${[`${header},${name}`, ...rows.map((row) => `${row},${value}`)].join('\n')}\n`;
}

/** A page signed in to a stack with one worker and a simulated fleet of `devices`, imported. */
async function withFleetPage(
  devices: number,
  fn: (page: Page, stack: WebStack) => Promise<void>,
  { faults, column, ...options }: FleetPageOptions = {},
): Promise<void> {
  const fleet = await startFleet({ devices, ...(faults && { faults }) });
  try {
    await withSignedInPage(
      async (page, stack) => {
        const csv = fleet.toCsv();
        await apiJson(stack, 'POST', '/devices/import', column ? withColumn(csv, column) : csv);
        await fn(page, stack);
      },
      { ...options, workers: 1 },
    );
  } finally {
    await fleet.close();
  }
}

/** Opens History from the navigation; the row of the job named `name`. */
async function historyRow(page: Page, name: string): Promise<Locator> {
  await page.getByRole('link', { name: 'History' }).click();
  return page.getByRole('row').filter({ has: page.getByRole('link', { name }) });
}

/** Waits for the monitor of a job other than `jobId` (a follow-up it started); that job's detail. */
async function followUpShown<T>(page: Page, stack: WebStack, jobId: string): Promise<T> {
  await page.waitForURL((url) => /#\/jobs\/[^/]+$/.test(url.hash) && !url.hash.includes(jobId), {
    timeout: UI_TIMEOUT,
  });
  const newId = decodeURIComponent(page.url().split('#/jobs/')[1] ?? '');
  return apiJson<T>(stack, 'GET', `/jobs/${newId}`, undefined);
}

/** Imports r1 (10.0.0.1) and r2 (10.0.0.2, production when asked) through the API. */
async function importTwo(stack: WebStack, { r2Prod }: { r2Prod: boolean }): Promise<void> {
  const rows = [
    '10.0.0.1,22,cisco_ios,netops,pw,r1,false',
    `10.0.0.2,22,cisco_ios,netops,pw,r2,${r2Prod}`,
  ];
  await apiJson(stack, 'POST', '/devices/import', [HEADER, ...rows].join('\n'));
}

/**
 * Ends every device of a job as the workers would: the canary succeeds (its config changed) or,
 * with `canaryFails`, fails; the rest fail before any line was accepted.
 */
async function finishJob(
  ctx: TestRedis,
  jobId: string,
  { canaryFails = false }: { canaryFails?: boolean } = {},
): Promise<void> {
  const keys = redisKeys(ctx.prefix);
  const coordinator = new RunCoordinator(ctx.redis, keys);
  const reader = new JobReader(ctx.redis, keys);
  for (let round = 0, canary = true; round < 5; round++) {
    for (const d of await reader.dispatched(jobId)) {
      expect((await coordinator.begin(jobId, d)).kind).toBe('go');
      const key = (await reader.deviceKey(jobId, d.deviceIndex))!;
      const state = canary && !canaryFails ? 'succeeded' : 'failed';
      const result = {
        state,
        attempts: 1,
        // the canary took the change; the others refused its first line
        config_lines_sent: state === 'succeeded' ? 1 : 0,
        ...(state === 'failed' && { code: 'command_error' }),
      };
      await coordinator.complete(jobId, d, state, result, { deviceKey: key, state, attempts: 1 });
      canary = false;
    }
  }
}

/** A browser time zone that is not the machine's: +09:00 all year (no daylight saving time). */
const BROWSER_ZONE = 'Asia/Tokyo';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** A whole minute `ahead` ms from now (a datetime-local input takes minutes), in ms. */
function minuteAhead(ahead: number): number {
  return Math.floor((Date.now() + ahead) / MINUTE) * MINUTE;
}

/** An instant as a datetime-local input's value in `timeZone`: `2026-12-08T07:35`. */
function localInput(instantMs: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(instantMs));
  const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}`;
}

/** The New job form with a name and a command, and its Change window section opened. */
async function composeWithWindow(page: Page, devices: number): Promise<void> {
  await startNewJob(page, {
    devices,
    name: 'night ntp',
    commands: 'ntp server 10.9.9.9',
    timeoutMs: UI_TIMEOUT,
  });
  await page.locator('summary', { hasText: 'Change window' }).click();
}

/** The problem shown next to a field (the text its input is described by), once it shows. */
async function problemNextTo(page: Page, label: RegExp): Promise<string> {
  const input = page.getByLabel(label);
  await input.and(page.locator('[aria-invalid="true"]')).waitFor({ timeout: UI_TIMEOUT });
  const id = await input.getAttribute('aria-describedby');
  return page.locator(`[id="${id}"]`).innerText();
}

/** A group limit as the New job form asks for it. */
interface LimitInput {
  readonly kind: 'tag' | 'per variable';
  readonly name: string;
  readonly atMost: number;
}

/** Adds a group limit to the New job form, as its row `n` (from 1). */
async function addGroupLimit(page: Page, n: number, limit: LimitInput): Promise<void> {
  await page.getByRole('button', { name: '+ Add a group limit' }).click();
  const row = page.getByRole('group', { name: `Group limit ${n}` });
  await row.getByLabel('Group by').selectOption({ label: limit.kind });
  await row.getByLabel(limit.kind === 'tag' ? 'Tag' : 'Variable').fill(limit.name);
  await row.getByLabel('At most at once').fill(String(limit.atMost));
}

async function importCsv(page: Page, csv: string): Promise<void> {
  await page.getByLabel('CSV', { exact: true }).fill(csv);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
}

describe('web UI forms in a real browser', () => {
  it('refuses a bad token at sign-in and keeps the user on the sign-in page', () =>
    withRedis(async (ctx) => {
      const stack = await startWebStack(ctx, 0);
      const page = await newPage();
      try {
        await page.goto(stack.url);
        await page.getByLabel('API token').fill('not-a-token');
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page
          .getByRole('alert')
          .getByText('this token is not valid')
          .waitFor({ timeout: UI_TIMEOUT });
        expect(await page.getByRole('navigation', { name: 'Main' }).count()).toBe(0);
      } finally {
        await page.close();
        await stack.close();
      }
    }));

  it('reviews a partial import row by row, then fixes and imports the rejected row', () =>
    withSignedInPage(async (page) => {
      await importCsv(
        page,
        [
          HEADER,
          '10.0.0.1,22,cisco_ios,netops,secret-1,r1,false',
          '10.0.0.2,22,toaster,netops,secret-2,r2,false',
        ].join('\n'),
      );
      const review = page.getByTestId('import-review');
      await review.getByText('Imported 1 of 2 rows').waitFor({ timeout: UI_TIMEOUT });
      const row = review.getByRole('row', { name: /10\.0\.0\.2/ });
      await row.getByText('device_type').waitFor();
      expect(await row.innerText()).toContain('3');
      // The CSV left the screen once stored (it carries passwords).
      expect(await page.getByLabel('CSV', { exact: true }).inputValue()).toBe('');

      await review.getByRole('button', { name: 'Fix rejected rows and retry' }).click();
      const editor = page.getByLabel('CSV', { exact: true });
      expect(await editor.inputValue()).toBe(
        `${HEADER}\n10.0.0.2,22,toaster,netops,secret-2,r2,false\n`,
      );
      await editor.fill((await editor.inputValue()).replace('toaster', 'cisco_ios'));
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      await page
        .getByTestId('import-review')
        .getByText('Imported 1 of 1 row')
        .waitFor({ timeout: UI_TIMEOUT });
      await page.getByTestId('device-total').getByText('2 devices').waitFor();
    }));

  it('shows unresolved variables and production devices, and runs on production only once the name is typed', () =>
    withSignedInPage(async (page, stack) => {
      await importCsv(
        page,
        [
          HEADER,
          '10.0.0.1,22,cisco_ios,netops,pw,r1,true',
          '10.0.0.2,22,cisco_ios,netops,pw,r2,false',
        ].join('\n'),
      );
      await page
        .getByTestId('import-review')
        .getByText('Imported 2 of 2 rows')
        .waitFor({ timeout: UI_TIMEOUT });
      await startNewJob(page, {
        devices: 2,
        name: 'prod change',
        commands: 'snmp-server location {{site}}',
        timeoutMs: UI_TIMEOUT,
      });
      await page.getByRole('button', { name: /^Review/ }).click();

      const unresolved = page.getByTestId('unresolved');
      await unresolved.getByText('2 devices cannot be rendered').waitFor({ timeout: UI_TIMEOUT });
      // The server's preview names the variable (the review renders nothing itself).
      expect(await unresolved.innerText()).toContain('{{site}} is not defined for this device');
      const run = page.getByRole('button', { name: 'Run on 2 devices' });
      expect(await run.isDisabled()).toBe(true);

      await page.getByRole('button', { name: '← Back to edit' }).click();
      await page.getByLabel(/^Job variables/).fill('site=lab');
      await page.getByRole('button', { name: /^Review/ }).click();
      await page.getByText('snmp-server location lab').first().waitFor({ timeout: UI_TIMEOUT });
      await page.getByRole('heading', { name: '1 production device' }).waitFor();
      expect(await run.isDisabled()).toBe(true);
      await page.getByLabel(/^Type the job name/).fill('prod chang');
      expect(await run.isDisabled()).toBe(true);
      await page.getByLabel(/^Type the job name/).fill('prod change');
      expect(await run.isDisabled()).toBe(false);
      await run.click();
      await page.waitForURL(/#\/jobs\/(?!new$)[^/]+$/, { timeout: UI_TIMEOUT });

      const jobId = decodeURIComponent(page.url().split('#/jobs/')[1] ?? '');
      const detail = await fetch(`${stack.url}/api/v1/jobs/${jobId}`, {
        headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      });
      const { spec } = (await detail.json()) as {
        spec: { confirm_prod: boolean; global_vars: object };
      };
      expect(spec).toMatchObject({ confirm_prod: true, global_vars: { site: 'lab' } });
    }));

  it('limits a job to one device per site: the review says what each rule covers, warns of one that covers nothing, and the job stores its limits', () =>
    withSignedInPage(async (page, stack) => {
      const rows = [
        '10.0.0.1,22,cisco_ios,netops,pw,r1,false,ams',
        '10.0.0.2,22,cisco_ios,netops,pw,r2,false,fra',
        '10.0.0.3,22,cisco_ios,netops,pw,r3,false,ams',
      ];
      await apiJson(stack, 'POST', '/devices/import', [`${HEADER},site`, ...rows].join('\n'));
      await startNewJob(page, {
        devices: 3,
        name: 'site by site',
        commands: 'ntp server 10.9.9.9',
        timeoutMs: UI_TIMEOUT,
      });
      await addGroupLimit(page, 1, { kind: 'per variable', name: 'site', atMost: 1 });
      await addGroupLimit(page, 2, { kind: 'tag', name: 'cor', atMost: 1 });
      await page.getByRole('button', { name: /^Review/ }).click();

      const limits = page.getByTestId('review-limits');
      const perSite = 'per site: at most 1 at a time — 2 groups, 3 devices';
      await limits.getByText(perSite).waitFor({ timeout: UI_TIMEOUT });
      await limits.getByText('tag cor covers no target device — check the name').waitFor();

      // back to the form: its rules are kept, and the one covering nothing is removed
      await page.getByRole('button', { name: '← Back to edit' }).click();
      await page.getByRole('button', { name: 'Remove group limit 2' }).click();
      await page.getByRole('button', { name: /^Review/ }).click();
      await limits.getByText(perSite).waitFor({ timeout: UI_TIMEOUT });
      expect(await limits.getByRole('listitem').allInnerTexts()).toEqual([perSite]);
      await page.getByRole('button', { name: 'Run on 3 devices' }).click();
      await page.waitForURL(/#\/jobs\/(?!new$)[^/]+$/, { timeout: UI_TIMEOUT });

      const jobId = decodeURIComponent(page.url().split('#/jobs/')[1] ?? '');
      const { spec } = await apiJson<{ spec: { strategy: { limits?: unknown } } }>(
        stack,
        'GET',
        `/jobs/${jobId}`,
        undefined,
      );
      expect(spec.strategy.limits).toEqual([{ per: 'site', concurrency: 1 }]);
    }));

  it(
    'says on the monitor how many devices wait for their group limits while a job runs one device per site, and stops once it ends',
    () =>
      withFleetPage(
        6,
        async (page, stack) => {
          const { job } = await apiJson<{ job: { id: string } }>(stack, 'POST', '/jobs', {
            name: 'one per site',
            commands: ['ntp server 10.9.9.9'],
            targets: ['all'],
            strategy: { concurrency: 10, limits: [{ per: 'site', concurrency: 1 }] },
          });
          await page.goto(`${stack.url}/#/jobs/${encodeURIComponent(job.id)}`);
          // every device is at ams: after the canary, one at a time while the others wait
          const hold = page.getByTestId('limit-hold');
          await hold
            .getByText(
              /^\d+ devices? waits? for (their|its) group limits — per site: at most 1 at a time$/,
            )
            .waitFor({ timeout: UI_TIMEOUT });

          await page.locator('h1 .badge[data-state="completed"]').waitFor({ timeout: 60_000 });
          expect(await hold.count()).toBe(0);
          expect(await page.getByTestId('count-succeeded').locator('.v').innerText()).toBe('6');
        },
        // each device takes a second: the fan-out outlasts the monitor's re-read of the run
        { faults: { bannerDelayMs: 1_000 }, column: { name: 'site', value: 'ams' } },
      ),
    120_000,
  );

  it('lists any job in the history with its counts: filtered by the server, a page at a time', () =>
    withSignedInPage(async (page, stack, ctx) => {
      await importTwo(stack, { r2Prod: false });
      const job = (name: string) => ({ name, commands: ['ntp server 10.0.0.9'], targets: ['all'] });
      const { job: done } = await apiJson<{ job: { id: string } }>(
        stack,
        'POST',
        '/jobs',
        job('core ntp'),
      );
      await finishJob(ctx, done.id);
      // 52 newer jobs, held (never started): the finished one is past the first page
      for (let i = 1; i <= 52; i++)
        await apiJson(stack, 'POST', '/jobs?start=false', job(`bulk ${i}`));

      await page.getByRole('link', { name: 'History' }).click();
      const shown = page.getByTestId('history-shown');
      await shown.getByText('50 of 53 jobs').waitFor({ timeout: UI_TIMEOUT });
      expect(await page.getByRole('link', { name: 'core ntp' }).count()).toBe(0);
      await page.getByRole('button', { name: 'Show more' }).click();
      await shown.getByText('53 of 53 jobs').waitFor({ timeout: UI_TIMEOUT });
      expect(await page.getByRole('button', { name: 'Show more' }).count()).toBe(0);
      const row = page
        .getByRole('row')
        .filter({ has: page.getByRole('link', { name: 'core ntp' }) });
      // Job, Status, Owner, Devices, Succeeded, Failed
      expect((await row.getByRole('cell').allInnerTexts()).slice(3, 6)).toEqual(['2', '1', '1']);

      // the server filters every job, not only those loaded: by status, by name, by id
      await page.getByLabel('Status').selectOption('failed');
      await shown.getByText('1 of 1 job').waitFor({ timeout: UI_TIMEOUT });
      await page.getByLabel('Status').selectOption('');
      await page.getByLabel('Search').fill('CORE');
      await shown.getByText('1 of 1 job').waitFor({ timeout: UI_TIMEOUT });
      await page.getByLabel('Search').fill(done.id.slice(0, 8));
      await shown.getByText('1 of 1 job').waitFor({ timeout: UI_TIMEOUT });
      await page.getByRole('link', { name: 'core ntp' }).waitFor();
      await page.getByLabel('Search').fill('bulk');
      await shown.getByText('50 of 52 jobs').waitFor({ timeout: UI_TIMEOUT });
    }));

  it('reruns the failed devices of an ended job as a new job, asking again for production', () =>
    withSignedInPage(async (page, stack, ctx) => {
      await importTwo(stack, { r2Prod: true });
      const body = {
        name: 'core ntp',
        commands: ['ntp server 10.0.0.9'],
        targets: ['all'],
        confirm_prod: true,
      };
      const { job } = await apiJson<{ job: { id: string } }>(stack, 'POST', '/jobs', body);
      await finishJob(ctx, job.id); // the canary (r1) succeeds, r2 (production) fails

      await page.goto(`${stack.url}/#/jobs/${encodeURIComponent(job.id)}/detail`);
      await page
        .getByRole('button', { name: 'Rerun 1 failed device…' })
        .click({ timeout: UI_TIMEOUT });
      const confirm = page.getByRole('group', { name: 'Confirm the rerun' });
      await confirm.getByRole('button', { name: 'Yes, start it' }).click();
      // the API asks for production again: nothing was started yet
      await page
        .getByRole('alert')
        .getByText('production devices targeted')
        .waitFor({ timeout: UI_TIMEOUT });
      await confirm.getByLabel('Change the production devices among them').check();
      await confirm.getByRole('button', { name: 'Yes, start it' }).click();
      const rerun = await followUpShown<{
        name: string;
        spec: { targets: string[]; confirm_prod: boolean };
      }>(page, stack, job.id);
      expect([rerun.name, rerun.spec.targets, rerun.spec.confirm_prod]).toEqual([
        'core ntp (rerun: 1 failed)',
        ['10.0.0.2:22'],
        true,
      ]);
      // the new job's monitor links back to the job it reruns
      const followed = page.getByTestId('followed-job');
      await followed
        .getByText(`rerun of job ${job.id.slice(0, 8)}`)
        .waitFor({ timeout: UI_TIMEOUT });
      await followed.getByRole('link').click();
      await page.waitForURL((url) => url.hash === `#/jobs/${job.id}`, { timeout: UI_TIMEOUT });
      const jobs = await apiJson<{ total: number }>(stack, 'GET', '/jobs', undefined);
      expect(jobs.total).toBe(2);
    }));

  it('finishes a cancelled rollout in a later window: the devices it skipped, as a scheduled job', () =>
    withSignedInPage(async (page, stack, ctx) => {
      await importTwo(stack, { r2Prod: false });
      const body = {
        name: 'core ntp',
        commands: ['ntp server 10.0.0.9'],
        targets: ['all'],
        pause_after_canary: true,
      };
      const { job } = await apiJson<{ job: { id: string } }>(stack, 'POST', '/jobs', body);
      await finishJob(ctx, job.id); // the canary succeeds; the job holds after it
      await apiJson(stack, 'POST', `/jobs/${job.id}/cancel`, {}); // r2 is skipped

      await page.goto(`${stack.url}/#/jobs/${encodeURIComponent(job.id)}/detail`);
      await page
        .getByTestId('job-outcome')
        .getByText('Job cancelled: the devices not yet started were skipped')
        .waitFor({ timeout: UI_TIMEOUT });
      await page
        .getByRole('button', { name: 'Run on the 1 skipped device…' })
        .click({ timeout: UI_TIMEOUT });
      const confirm = page.getByRole('group', { name: 'Confirm the rerun' });
      // the page runs in this machine's time zone (no timezoneId)
      const startMs = minuteAhead(3_600_000);
      const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
      await confirm.getByLabel('Start at (blank: now)').fill(localInput(startMs, zone));
      await confirm.getByRole('button', { name: 'Yes, schedule it' }).click();
      const rest = await followUpShown<{
        name: string;
        status: string;
        start_at: string;
        spec: { targets: string[] };
      }>(page, stack, job.id);
      expect([rest.name, rest.spec.targets, rest.status, rest.start_at]).toEqual([
        'core ntp (rerun: 1 not succeeded)',
        ['10.0.0.2:22'],
        'queued',
        new Date(startMs).toISOString(),
      ]);
    }));

  it('reruns the failed canary and, when asked, the devices its failure skipped', () =>
    withSignedInPage(async (page, stack, ctx) => {
      await importTwo(stack, { r2Prod: false });
      const body = { name: 'core ntp', commands: ['ntp server 10.0.0.9'], targets: ['all'] };
      const { job } = await apiJson<{ job: { id: string } }>(stack, 'POST', '/jobs', body);
      await finishJob(ctx, job.id, { canaryFails: true }); // r2 is skipped

      await page.goto(`${stack.url}/#/jobs/${encodeURIComponent(job.id)}/detail`);
      await page
        .getByRole('button', { name: 'Rerun 1 failed device…' })
        .click({ timeout: UI_TIMEOUT });
      const confirm = page.getByRole('group', { name: 'Confirm the rerun' });
      await confirm.getByLabel('and on the 1 skipped device').check();
      await confirm.getByRole('button', { name: 'Yes, start it' }).click();
      const all = await followUpShown<{ name: string; spec: { targets: string[] } }>(
        page,
        stack,
        job.id,
      );
      expect([all.name, all.spec.targets]).toEqual([
        'core ntp (rerun: 2 not succeeded)',
        ['10.0.0.1:22', '10.0.0.2:22'],
      ]);
    }));

  it('undoes an ended job: its rollback commands, as a new job, on the devices it changed', () =>
    withSignedInPage(async (page, stack, ctx) => {
      await importTwo(stack, { r2Prod: false });
      const body = {
        name: 'core ntp',
        commands: ['ntp server 10.0.0.9'],
        rollback_commands: ['no ntp server 10.0.0.9'],
        targets: ['all'],
      };
      const { job } = await apiJson<{ job: { id: string } }>(stack, 'POST', '/jobs', body);
      await finishJob(ctx, job.id); // r1 changed; r2 refused the change

      await page.goto(`${stack.url}/#/jobs/${encodeURIComponent(job.id)}/detail`);
      await page.getByRole('button', { name: 'Undo on 1 device…' }).click({ timeout: UI_TIMEOUT });
      const confirm = page.getByRole('group', { name: 'Confirm the undo' });
      await confirm
        .getByText("Run this job's 1 rollback command, as a new job, on the 1 device it changed?")
        .waitFor();
      await confirm.getByRole('button', { name: 'Yes, start it' }).click();
      const undo = await followUpShown<{
        name: string;
        spec: { targets: string[]; commands: string[] };
      }>(page, stack, job.id);
      expect([undo.name, undo.spec.targets, undo.spec.commands]).toEqual([
        'core ntp (undo: 1 device)',
        ['10.0.0.1:22'],
        ['no ntp server 10.0.0.9'],
      ]);
    }));

  it('saves a preset through the API, shows its refusals inline, loads it after a reload, updates and deletes it', () =>
    withSignedInPage(async (page, stack) => {
      await page.getByRole('link', { name: 'New job' }).click();
      const presets = page.getByRole('group', { name: 'Presets' });
      await page.getByLabel(/^Config commands/).fill('ntp server 10.0.0.1\nntp server 10.0.0.2');
      await page.getByLabel(/^Verify commands/).fill('show run | i ntp');
      await presets.getByLabel('Save as').fill('NTP pair');

      // "any" is not an OS model the API stores presets for: its 400 names the field.
      await presets.getByRole('button', { name: 'Save preset' }).click();
      const refused = page.getByRole('alert').filter({ hasText: 'The preset was not changed' });
      await refused.getByText('os_model').waitFor({ timeout: UI_TIMEOUT });

      await presets.getByLabel('OS model').selectOption('cisco_ios');
      await presets.getByRole('button', { name: 'Save preset' }).click();
      await presets
        .getByRole('status')
        .getByText('Saved "NTP pair" for cisco_ios.')
        .waitFor({ timeout: UI_TIMEOUT });
      expect(await refused.count()).toBe(0);

      const listed = await fetch(`${stack.url}/api/v1/presets?os_model=cisco_ios`, {
        headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      });
      expect(listed.status).toBe(200);
      const { items } = (await listed.json()) as { items: object[] };
      expect(items).toEqual([
        expect.objectContaining({
          name: 'NTP pair',
          os_model: 'cisco_ios',
          commands: ['ntp server 10.0.0.1', 'ntp server 10.0.0.2'],
          verify_commands: ['show run | i ntp'],
        }),
      ]);

      // The same name again for the same OS model: the API's 409, shown next to the bar.
      await presets.getByRole('button', { name: 'Save preset' }).click();
      await refused.getByText('exists already').waitFor({ timeout: UI_TIMEOUT });

      // Run settings and a description given through the API: the UI does not edit them, and
      // its update below must keep them.
      const [created] = items as { id: string }[];
      const put = await fetch(`${stack.url}/api/v1/presets/${created!.id}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          name: 'NTP pair',
          os_model: 'cisco_ios',
          description: 'the two lab NTP servers',
          commands: ['ntp server 10.0.0.1', 'ntp server 10.0.0.2'],
          verify_commands: ['show run | i ntp'],
          settings: { strategy: { concurrency: 7 } },
        }),
      });
      expect(put.status).toBe(200);

      await page.reload();
      await page.getByRole('link', { name: 'New job' }).click();
      const reloaded = page.getByRole('group', { name: 'Presets' });
      await reloaded.getByLabel('OS model').selectOption('cisco_ios');
      const picker = reloaded.getByRole('combobox', { name: /^Preset/ });
      await picker.getByRole('option', { name: 'NTP pair (cisco_ios)' }).waitFor({
        state: 'attached',
        timeout: UI_TIMEOUT,
      });
      expect(await page.getByLabel(/^Config commands/).inputValue()).toBe('');
      await picker.selectOption({ label: 'NTP pair (cisco_ios)' });
      await reloaded.getByRole('status').getByText('Loaded "NTP pair".').waitFor();
      expect(await page.getByLabel(/^Config commands/).inputValue()).toBe(
        'ntp server 10.0.0.1\nntp server 10.0.0.2',
      );
      expect(await page.getByLabel(/^Verify commands/).inputValue()).toBe('show run | i ntp');

      // Update the loaded preset from the boxes: the API stores the new commands.
      await page.getByLabel(/^Config commands/).fill('ntp server 10.0.0.3');
      await reloaded.getByRole('button', { name: 'Update "NTP pair"' }).click();
      await reloaded.getByRole('status').getByText('Updated "NTP pair".').waitFor();
      const stored = async () => {
        const res = await fetch(`${stack.url}/api/v1/presets?os_model=cisco_ios`, {
          headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
        });
        return ((await res.json()) as { items: { commands: string[] }[] }).items;
      };
      expect(await stored()).toEqual([
        expect.objectContaining({
          commands: ['ntp server 10.0.0.3'],
          description: 'the two lab NTP servers',
          settings: expect.objectContaining({
            strategy: expect.objectContaining({ concurrency: 7 }),
          }),
        }),
      ]);

      // Delete asks first; "Keep it" keeps it, "Yes, delete it" deletes it through the API.
      await reloaded.getByRole('button', { name: 'Delete "NTP pair"…' }).click();
      const confirm = reloaded.getByRole('group', { name: 'Confirm deletion' });
      await confirm.getByRole('button', { name: 'Keep it' }).click();
      expect(await stored()).toHaveLength(1);
      await reloaded.getByRole('button', { name: 'Delete "NTP pair"…' }).click();
      await confirm.getByRole('button', { name: 'Yes, delete it' }).click();
      await reloaded.getByRole('status').getByText('Deleted "NTP pair".').waitFor();
      expect(await stored()).toEqual([]);
      await picker.getByRole('option', { name: 'NTP pair (cisco_ios)' }).waitFor({
        state: 'detached',
        timeout: UI_TIMEOUT,
      });
    }));
  it(
    'schedules a job an hour ahead from the form, shows it scheduled, and starts it now on request',
    () =>
      withFleetPage(
        2,
        async (page, stack) => {
          await composeWithWindow(page, 2);
          // the form reads its times in the browser's time zone, and says which
          await page
            .getByTestId('window-zone')
            .getByText(`${BROWSER_ZONE} (UTC+09:00)`)
            .waitFor({ timeout: UI_TIMEOUT });
          const start = minuteAhead(HOUR + 2 * MINUTE);
          const startLocal = localInput(start, BROWSER_ZONE);
          await page.getByLabel(/^Start at/).fill(startLocal);
          await page.getByRole('button', { name: /^Review/ }).click();

          const reviewWindow = page.getByTestId('review-window');
          await reviewWindow
            .getByText(/Starts at .*, in 1 h 0\d m\./)
            .waitFor({ timeout: UI_TIMEOUT });
          expect(await reviewWindow.innerText()).toContain(startLocal.slice(11)); // 07:35
          await page.getByRole('button', { name: 'Schedule on 2 devices' }).click();

          // the monitor: scheduled, not started, with how long until it starts
          await page.waitForURL(/#\/jobs\/(?!new$)[^/]+$/, { timeout: UI_TIMEOUT });
          const jobId = decodeURIComponent(page.url().split('#/jobs/')[1] ?? '');
          const banner = page.getByTestId('window-banner');
          await banner
            .getByText(/^Scheduled: starts at .* \(in 1 h 0\d m\)\.$/)
            .waitFor({ timeout: UI_TIMEOUT });
          expect(await banner.innerText()).toContain(startLocal.slice(11));
          const stored = await apiJson<{ status: string; start_at: string; started_at: null }>(
            stack,
            'GET',
            `/jobs/${jobId}`,
            undefined,
          );
          expect([stored.status, Date.parse(stored.start_at), stored.started_at]).toEqual([
            'queued',
            start,
            null,
          ]);

          // the history lists it scheduled, at its local time
          const row = await historyRow(page, 'night ntp');
          await row
            .getByTestId('scheduled-note')
            .getByText(`scheduled`)
            .waitFor({ timeout: UI_TIMEOUT });
          expect(await row.getByTestId('scheduled-note').innerText()).toContain(
            startLocal.slice(11),
          );

          // Start now: the job runs at once, to the end
          await row.getByRole('link', { name: 'night ntp' }).click();
          await banner.getByRole('button', { name: 'Start now' }).click({ timeout: UI_TIMEOUT });
          await page.locator('h1 .badge[data-state="completed"]').waitFor({ timeout: 60_000 });
          expect(await banner.count()).toBe(0);
          expect(await page.getByTestId('count-succeeded').locator('.v').innerText()).toBe('2');
          const ran = await apiJson<{ status: string; started_at: string | null }>(
            stack,
            'GET',
            `/jobs/${jobId}`,
            undefined,
          );
          expect(ran.status).toBe('completed');
          expect(Date.parse(ran.started_at ?? '')).toBeLessThan(start - HOUR / 2);
        },
        // a 24-hour locale, so that the times read as the form's input does (`13:05`, not `01:05 PM`)
        { browser: { timezoneId: BROWSER_ZONE, locale: 'en-GB' } },
      ),
    180_000,
  );

  it(
    'holds a job for a second person: its submitter cannot approve it, another operator approves it with a comment and it runs to the end',
    () =>
      withFleetPage(
        2,
        async (page, stack) => {
          const body = {
            name: 'four eyes ntp',
            commands: ['ntp server 10.9.9.9'],
            targets: ['all'],
          };
          const { job } = await apiJson<{
            job: { id: string; actor: string; status: string; approval: string };
          }>(stack, 'POST', '/jobs', body);
          expect([job.status, job.approval]).toEqual(['queued', 'pending']);

          // the history says the job waits for someone
          const row = await historyRow(page, 'four eyes ntp');
          await row
            .getByTestId('approval-note')
            .getByText('awaits approval')
            .waitFor({ timeout: UI_TIMEOUT });

          // its submitter (the admin) reads who must approve it, and cannot approve or start it
          await row.getByRole('link', { name: 'four eyes ntp' }).click();
          const banner = page.getByTestId('approval-banner');
          await banner
            .getByText(
              `Awaits approval: someone other than ${job.actor} must approve it before any device is touched.`,
            )
            .waitFor({ timeout: UI_TIMEOUT });
          await banner
            .getByText('You submitted this job, so you cannot approve it yourself.')
            .waitFor();
          expect(await page.getByRole('button', { name: /^(Approve|Start now)/ }).count()).toBe(0);

          // a second operator, signed in in a page of their own, approves it with a comment
          const { token } = await apiJson<{ token: string }>(stack, 'POST', '/tokens', {
            name: 'e2e-approver',
            role: 'operator',
          });
          const second = await newPage();
          try {
            await signIn(second, stack, token);
            await second.goto(`${stack.url}/#/jobs/${encodeURIComponent(job.id)}`);
            const theirs = second.getByTestId('approval-banner');
            await theirs.getByRole('button', { name: 'Approve…' }).click({ timeout: UI_TIMEOUT });
            const confirm = theirs.getByRole('group', { name: 'Confirm the approval' });
            await confirm.getByLabel(/^Comment/).fill('diff read with the network team');
            await confirm.getByRole('button', { name: 'Approve and start' }).click();

            // the job starts and runs to the end, and says who approved it
            await second.locator('h1 .badge[data-state="completed"]').waitFor({ timeout: 60_000 });
            expect(await theirs.count()).toBe(0);
            expect(await second.getByTestId('approved-by').innerText()).toBe(
              'approved by e2e-approver',
            );
            expect(await second.getByTestId('count-succeeded').locator('.v').innerText()).toBe('2');
          } finally {
            await second.close();
          }
          // the submitter's monitor saw it run too, the banner gone
          await page.locator('h1 .badge[data-state="completed"]').waitFor({ timeout: UI_TIMEOUT });
          expect(await banner.count()).toBe(0);
          const audit = await apiJson<{ items: { actor: string; details: object }[] }>(
            stack,
            'GET',
            '/audit?action=job:approved',
            undefined,
          );
          expect(audit.items).toEqual([
            expect.objectContaining({
              actor: expect.stringContaining('e2e-approver'),
              details: expect.objectContaining({ comment: 'diff read with the network team' }),
            }),
          ]);
        },
        { stack: { approvalPolicy: 'all' } },
      ),
    180_000,
  );

  it('refuses a change window that closes before it opens, or one the server refuses, next to the field, and creates no job', () =>
    withSignedInPage(
      async (page, stack) => {
        await importTwo(stack, { r2Prod: false });
        await composeWithWindow(page, 2);
        const review = page.getByRole('button', { name: /^Review/ });
        await page.getByLabel(/^Start at/).fill(localInput(minuteAhead(2 * HOUR), BROWSER_ZONE));
        await page
          .getByLabel(/^Stop starting devices at/)
          .fill(localInput(minuteAhead(HOUR), BROWSER_ZONE));
        expect(await problemNextTo(page, /^Stop starting devices at/)).toBe(
          'must come after the start',
        );
        await page.getByText('Needs a valid change window.').waitFor();
        expect(await review.isDisabled()).toBe(true);

        // A start too far ahead is the server's to refuse: its problem comes back to the field.
        await page.getByRole('button', { name: 'Clear the window' }).click();
        await page
          .getByLabel(/^Start at/)
          .fill(localInput(minuteAhead(400 * 24 * HOUR), BROWSER_ZONE));
        await review.click();
        expect(await problemNextTo(page, /^Start at/)).toContain('366 days');
        expect(await review.isDisabled()).toBe(true);
        // editing the time takes the server's problem away until it is asked again
        await page.getByLabel(/^Start at/).fill(localInput(minuteAhead(HOUR), BROWSER_ZONE));
        expect(await review.isDisabled()).toBe(false);

        const jobs = await apiJson<{ total: number }>(stack, 'GET', '/jobs', undefined);
        expect(jobs.total).toBe(0);
      },
      { browser: { timezoneId: BROWSER_ZONE } },
    ));
});
