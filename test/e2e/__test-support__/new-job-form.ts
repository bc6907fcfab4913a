import type { Page } from 'playwright-core';

/** What every job composed in a browser test starts with. */
export interface NewJobStart {
  /** Devices in the inventory: the form targets them all by default. */
  readonly devices: number;
  readonly name: string;
  /** The config commands, one per line. */
  readonly commands: string;
  /** How long the form may take to list the inventory (a loaded 2-core machine is slow). */
  readonly timeoutMs: number;
}

/**
 * Opens New job from the navigation once it targets every device of the inventory, and gives
 * the job its name and config commands; the rest of the form is the test's.
 */
export async function startNewJob(page: Page, job: NewJobStart): Promise<void> {
  await page.getByRole('link', { name: 'New job' }).click();
  await page
    .getByTestId('target-count')
    .getByText(`${job.devices} of ${job.devices} devices`)
    .waitFor({ timeout: job.timeoutMs });
  await page.getByLabel('Job name').fill(job.name);
  await page.getByLabel(/^Config commands/).fill(job.commands);
}
