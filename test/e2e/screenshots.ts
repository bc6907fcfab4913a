/**
 * `npm run screenshots`: runs a real fleetpush (API + UI + gateway + worker, a simulated fleet,
 * the local Redis) and writes a PNG of each page to docs/screenshots/, mid-run where it matters.
 */
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { startFleet, type SimDeviceSpec } from '@fleetpush/device-sim';
import { waitUntil, withRedis } from '@fleetpush/testing';
import type { Page } from 'playwright-core';
import { launchChromium } from './__test-support__/browser';
import { ADMIN_TOKEN, ensureWebBuilt, startWebStack } from './__test-support__/web-stack';

const OUT = path.resolve(__dirname, '..', '..', 'docs', 'screenshots');
const DEVICES = 240;
/** A few devices refuse the change, so the pictures show failures as well as successes. */
const REFUSING = new Set([37, 101, 188]);
const PROD = new Set([3, 60, 150]);
const TIMEOUT = 60_000;

function fleetSpec(): SimDeviceSpec[] {
  const platforms = ['cisco_ios', 'arista_eos', 'cisco_xe'] as const;
  return Array.from({ length: DEVICES }, (_, i) => ({
    platform: platforms[i % platforms.length]!,
    hostname: `${i % 4 === 0 ? 'core' : 'edge'}-${String(i).padStart(3, '0')}`,
    prod: PROD.has(i),
    faults: { commandLatencyMs: 40, ...(REFUSING.has(i) ? { rejectCommand: 'ntp server' } : {}) },
  }));
}

/** The fleet's CSV with a tags column, and two broken rows to show the import review. */
function csvWithTags(csv: string): string {
  const [header, ...rows] = csv.trim().split('\n');
  const tagged = rows.map((r, i) => `${r},${i % 4 === 0 ? 'core;emea' : 'edge;emea'}`);
  const width = (header ?? '').split(',').length;
  const broken = [
    ['10.99.0.1', '22', 'toaster_os', 'netops', 'pw', 'bad-1', 'false'],
    ['', '22', 'cisco_ios', 'netops', 'pw', 'bad-2', 'false'],
  ].map(
    (cells) =>
      [...cells, ...Array<string>(Math.max(0, width - cells.length)).fill('')]
        .slice(0, width)
        .join(',') + ',edge',
  );
  return [`${header},tags`, ...tagged, ...broken].join('\n') + '\n';
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage: true });
  process.stdout.write(`wrote docs/screenshots/${name}.png\n`);
}

async function run(page: Page, url: string, csv: string): Promise<void> {
  await page.goto(url);
  await shot(page, '01-sign-in');
  await page.getByLabel('API token').fill(ADMIN_TOKEN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('CSV', { exact: true }).fill(csv);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByTestId('import-review').waitFor({ timeout: TIMEOUT });
  await shot(page, '02-devices');

  await page.getByRole('link', { name: 'New job' }).click();
  await page
    .getByTestId('target-count')
    .getByText(`${DEVICES} of ${DEVICES}`)
    .waitFor({ timeout: TIMEOUT });
  await page.getByLabel('Job name').fill('EMEA NTP servers');
  await page
    .getByLabel(/^Config commands/)
    .fill('ntp server {{ntp}} prefer\nntp server {{ntp_backup}}');
  await page.getByLabel(/^Verify commands/).fill('show running-config | include ntp');
  await page.getByLabel(/^Job variables/).fill('ntp=10.20.0.1\nntp_backup=10.20.0.2');
  await page.getByLabel('Waves').fill('10%, 100%');
  await page.getByLabel(/^Concurrency/).fill('6');
  await page.getByLabel(/^Stagger/).fill('60');
  await page.getByLabel('Failure budget').selectOption('pct');
  await page.getByLabel('Percent').fill('5');
  await page.getByRole('button', { name: '+ Add a group limit' }).click();
  const limit = page.getByRole('group', { name: 'Group limit 1' });
  await limit.getByLabel('Tag').fill('core');
  await limit.getByLabel('At most at once').fill('2');
  await shot(page, '03-new-job');

  await page.getByRole('button', { name: /^Review/ }).click();
  await page.getByLabel(/^Type the job name/).fill('EMEA NTP servers');
  await shot(page, '04-review');
  await page.getByRole('button', { name: `Run on ${DEVICES} devices` }).click();

  await page.getByTestId('canary-card').getByText('gate passed').waitFor({ timeout: TIMEOUT });
  await waitUntil(
    async () =>
      Number(await page.getByTestId('count-succeeded').locator('.v').innerText()) >= DEVICES / 3
        ? true
        : undefined,
    { timeoutMs: TIMEOUT, intervalMs: 100, description: 'a third done' },
  );
  await shot(page, '05-monitor');
  await page
    .locator('h1 .badge[data-state="completed"], h1 .badge[data-state="failed"]')
    .waitFor({ timeout: 180_000 });
  await shot(page, '06-monitor-finished');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shot(page, '10-monitor-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  await submitDryRun(url);
  const scheduled = await submitScheduled(url);
  await page.getByRole('link', { name: 'History' }).click();
  await page.getByRole('table').waitFor({ timeout: TIMEOUT });
  // Counts arrive after the list.
  await page
    .getByRole('cell', { name: '…', exact: true })
    .first()
    .waitFor({ state: 'detached', timeout: TIMEOUT });
  await shot(page, '07-history');

  await page.getByRole('link', { name: 'EMEA NTP servers' }).first().click();
  await page.getByRole('link', { name: 'Results and diffs' }).click();
  await page.getByTestId('diff-group').first().click();
  await page.locator('tbody a').nth(2).click();
  await page.getByTestId('device-panel').locator('.diff').waitFor({ timeout: TIMEOUT });
  await shot(page, '08-job-detail');
  await page.getByTestId('device-panel').getByText('Side by side').click();
  await page.getByTestId('diff-split').first().waitFor({ timeout: TIMEOUT });
  await shot(page, '09-job-detail-side-by-side');
  await page
    .getByRole('group', { name: 'Diff groups' })
    .getByRole('button', { name: /^All/ })
    .click();
  await page
    .getByRole('group', { name: 'Filter by state' })
    .getByRole('button', { name: /^failed/ })
    .click();
  await page.locator('tbody a').first().click();
  await page.getByTestId('device-panel').getByRole('status').waitFor({ timeout: TIMEOUT });
  await shot(page, '11-job-detail-failure');
  await page.goto(`${url}/#/jobs/${scheduled}`);
  await page.getByRole('button', { name: 'Start now' }).waitFor({ timeout: TIMEOUT });
  await shot(page, '12-monitor-scheduled');
}

const HEADERS = { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' };

/** Submits a job through the API; its id. */
async function submitJob(url: string, body: object): Promise<string> {
  const answer = await fetch(`${url}/api/v1/jobs`, {
    method: 'POST',
    headers: HEADERS,
    body: JSON.stringify(body),
  });
  const { job } = (await answer.json()) as { job: { id: string } };
  return job.id;
}

/** A second, small job (a dry run on the `core` tag), so that the history shows more than one. */
async function submitDryRun(url: string): Promise<void> {
  const id = await submitJob(url, {
    name: 'Core syslog host (dry run)',
    commands: ['logging host 10.30.0.5'],
    targets: ['tag:core'],
    dry_run: true,
    confirm_prod: true,
    strategy: { concurrency: 10, stop_on_error: false },
  });
  await waitUntil(
    async () => {
      const detail = await fetch(`${url}/api/v1/jobs/${id}`, { headers: HEADERS });
      const { status } = (await detail.json()) as { status: string };
      return ['completed', 'failed', 'cancelled'].includes(status) ? status : undefined;
    },
    { timeoutMs: TIMEOUT, intervalMs: 200, description: 'the dry run to end' },
  );
}

/** A job scheduled in tonight's change window (6 h from now, 3 h long); its id. */
function submitScheduled(url: string): Promise<string> {
  const hour = 3_600_000;
  const start = Math.ceil((Date.now() + 6 * hour) / hour) * hour;
  return submitJob(url, {
    name: 'Edge SNMP location (change window)',
    commands: ['snmp-server location {{site}}'],
    targets: ['tag:edge'],
    confirm_prod: true,
    global_vars: { site: 'EMEA edge' },
    strategy: { waves: ['10%', '100%'], concurrency: 20 },
    window: {
      start_at: new Date(start).toISOString(),
      end_at: new Date(start + 3 * hour).toISOString(),
    },
  });
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  ensureWebBuilt();
  const browser = await launchChromium();
  try {
    await withRedis(async (ctx) => {
      const fleet = await startFleet({ devices: fleetSpec() });
      const stack = await startWebStack(ctx, 2);
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      try {
        await run(page, stack.url, csvWithTags(fleet.toCsv()));
      } finally {
        await page.close();
        await stack.close();
        await fleet.close();
      }
    });
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
