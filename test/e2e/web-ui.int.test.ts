import { startFleet, type SimFleet } from '@fleetpush/device-sim';
import { redisKeys } from '@fleetpush/store';
import { installLeakCheck, waitUntil, withRedis } from '@fleetpush/testing';
import type { Page } from 'playwright-core';
import { browserForSuite } from './__test-support__/browser';
import { startNewJob } from './__test-support__/new-job-form';
import { ADMIN_TOKEN, ensureWebBuilt, startWebStack } from './__test-support__/web-stack';

/** Devices in the fleet: a canary and enough others that the fan-out can be paused midway. */
const DEVICES = 8;
/** Starts at least this far apart, so that the fan-out is still going when the test pauses. */
const STAGGER_MS = 700;
/** Timeout of each browser expectation (a loaded 2-core machine is slow, never wrong). */
const UI_TIMEOUT = 30_000;
const NTP = 'ntp server {{ntp}}';

installLeakCheck();

const newPage = browserForSuite(ensureWebBuilt);

async function signIn(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('API token').fill(ADMIN_TOKEN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor({ timeout: UI_TIMEOUT });
}

async function importFleet(page: Page, fleet: SimFleet): Promise<void> {
  await page.getByLabel('CSV', { exact: true }).fill(fleet.toCsv());
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page
    .getByTestId('import-review')
    .getByText(`Imported ${DEVICES} of ${DEVICES} rows`)
    .waitFor({ timeout: UI_TIMEOUT });
  await page.getByTestId('device-total').getByText(`${DEVICES} devices`).waitFor();
}

async function composeJob(page: Page): Promise<void> {
  await startNewJob(page, {
    devices: DEVICES,
    name: 'e2e ntp',
    commands: NTP,
    timeoutMs: UI_TIMEOUT,
  });
  await page.getByLabel(/^Verify commands/).fill('show running-config | include ntp');
  await page.getByLabel(/^Job variables/).fill('ntp=10.9.9.9');
  await page.getByLabel(/^Concurrency/).fill('1');
  await page.getByLabel(/^Stagger/).fill(String(STAGGER_MS));
  await page.getByRole('button', { name: /^Review/ }).click();
}

async function counter(page: Page, name: string): Promise<number> {
  return Number(await page.getByTestId(`count-${name}`).locator('.v').innerText());
}

describe('web UI, end to end in a real browser', () => {
  it(
    'imports a fleet, reviews and runs a job, pauses and resumes it live, shows a diff, and deletes the job',
    () =>
      withRedis(async (ctx) => {
        const fleet = await startFleet({ devices: DEVICES });
        const stack = await startWebStack(ctx);
        const page = await newPage();
        try {
          await signIn(page, stack.url);
          await importFleet(page, fleet);
          await composeJob(page);

          // Review: every device rendered with the job variable, the canary first.
          const canaryKey = fleet.devices[0]!.key;
          const canaryRendering = page
            .getByTestId('rendering')
            .filter({ hasText: 'includes the CANARY' });
          await canaryRendering.getByText('ntp server 10.9.9.9').waitFor({ timeout: UI_TIMEOUT });
          await canaryRendering.getByText(canaryKey).waitFor();
          await page
            .getByTestId('rendering-count')
            .getByText(`1 distinct rendering for ${DEVICES} devices`)
            .waitFor();
          expect(await page.getByTestId('unresolved').count()).toBe(0);
          await page.getByRole('button', { name: `Run on ${DEVICES} devices` }).click();

          // Monitor: canary passes its gate, then the fan-out progresses live.
          await page.waitForURL(/#\/jobs\/(?!new$)[^/]+$/, { timeout: UI_TIMEOUT });
          await page
            .getByTestId('canary-card')
            .getByText('gate passed')
            .waitFor({ timeout: UI_TIMEOUT });
          await page
            .getByTestId('canary-card')
            .locator('.line.add', { hasText: 'ntp server 10.9.9.9' })
            .waitFor({ timeout: UI_TIMEOUT });
          await waitForCount(page, 'succeeded', 2);

          // Pause: only the actions a paused job allows remain.
          await page.getByRole('button', { name: 'Pause' }).click();
          await page.locator('h1 .badge[data-state="paused"]').waitFor({ timeout: UI_TIMEOUT });
          const controls = page.getByRole('group', { name: 'Job control' });
          await controls.getByRole('button', { name: 'Resume' }).waitFor();
          expect(await controls.getByRole('button', { name: 'Pause' }).count()).toBe(0);
          expect(await counter(page, 'succeeded')).toBeLessThan(DEVICES);

          // Resume, and the job completes with every device succeeded.
          await controls.getByRole('button', { name: 'Resume' }).click();
          await page.locator('h1 .badge[data-state="completed"]').waitFor({ timeout: 60_000 });
          await waitForCount(page, 'succeeded', DEVICES);
          expect(await counter(page, 'failed')).toBe(0);
          expect(await controls.getByRole('button').count()).toBe(0);

          // Open a device's diff from the grid.
          const other = fleet.devices[3]!.key;
          await page.locator(`.device-cell[data-key="${other}"]`).click();
          const panel = page.getByTestId('device-panel');
          await panel.getByRole('heading', { name: other }).waitFor({ timeout: UI_TIMEOUT });
          await panel.locator('.diff .line.add', { hasText: 'ntp server 10.9.9.9' }).waitFor();
          await page
            .getByTestId('diff-group')
            .getByText(`${DEVICES} devices: same diff +1 −0`)
            .waitFor();
          await panel.getByText('Side by side').click();
          await panel.getByTestId('diff-split').getByText('ntp server 10.9.9.9').waitFor();

          // An admin deletes the finished job from its results page (once the workers have
          // recorded its end), and lands on the history, where it is gone.
          const jobId = decodeURIComponent(/#\/jobs\/([^/]+)/.exec(page.url())?.[1] ?? '');
          await waitUntil(
            async () => !(await ctx.redis.sismember(redisKeys(ctx.prefix).activeJobs, jobId)),
            { timeoutMs: 30_000, description: 'the workers to record the end of the job' },
          );
          await page.goto(`${stack.url}/#/jobs/${encodeURIComponent(jobId)}/detail`);
          await page.getByRole('button', { name: 'Delete job…' }).click({ timeout: UI_TIMEOUT });
          await page
            .getByRole('group', { name: 'Confirm job deletion' })
            .getByRole('button', { name: 'Yes, delete the job' })
            .click();
          await page.waitForURL(/#\/history$/, { timeout: UI_TIMEOUT });
          const gone = await fetch(`${stack.url}/api/v1/jobs/${jobId}`, {
            headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
          });
          expect(gone.status).toBe(404);
        } finally {
          await page.close();
          await stack.close();
          await fleet.close();
        }
      }),
    180_000,
  );
});

async function waitForCount(page: Page, name: string, atLeast: number): Promise<void> {
  await waitUntil(async () => ((await counter(page, name)) >= atLeast ? true : undefined), {
    timeoutMs: 60_000,
    intervalMs: 50,
    description: `${atLeast} devices ${name}`,
  });
}
