import { installLeakCheck, withRedis } from '@fleetpush/testing';
import { browserForSuite } from './__test-support__/browser';
import { ADMIN_TOKEN, ensureWebBuilt, startWebStack } from './__test-support__/web-stack';

/** The fleet size the monitor must stay usable at. */
const DEVICES = 10_000;
const UI_TIMEOUT = 60_000;

installLeakCheck();

const newPage = browserForSuite(ensureWebBuilt);

function keyOf(i: number): string {
  return `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}:22`;
}

function fleetCsv(): string {
  const rows = Array.from({ length: DEVICES }, (_, i) => {
    const [host] = keyOf(i).split(':');
    return `${host},22,cisco_ios,netops,pw-${i},r${i}`;
  });
  return ['host,port,device_type,username,password,name', ...rows].join('\n') + '\n';
}

describe('the monitor with 10,000 devices', () => {
  it(
    'keeps only the visible part of the device grid in the page, and scrolls to the last device',
    () =>
      withRedis(async (ctx) => {
        // No worker: the job is submitted and started, its devices stay pending or queued.
        const stack = await startWebStack(ctx, 0);
        const page = await newPage({ viewport: { width: 1280, height: 800 } });
        try {
          const headers = { authorization: `Bearer ${ADMIN_TOKEN}` };
          const imported = await fetch(`${stack.url}/api/v1/devices/import`, {
            method: 'POST',
            headers: { ...headers, 'content-type': 'text/csv' },
            body: fleetCsv(),
          });
          expect(imported.status).toBe(200);
          const submitted = await fetch(`${stack.url}/api/v1/jobs`, {
            method: 'POST',
            headers: { ...headers, 'content-type': 'application/json' },
            body: JSON.stringify({
              name: 'big',
              commands: ['ntp server 10.0.0.1'],
              targets: ['all'],
            }),
          });
          expect(submitted.status).toBe(201);
          const { job } = (await submitted.json()) as { job: { id: string } };

          await page.goto(stack.url);
          await page.getByLabel('API token').fill(ADMIN_TOKEN);
          await page.getByRole('button', { name: 'Sign in' }).click();
          await page.getByRole('navigation', { name: 'Main' }).waitFor({ timeout: UI_TIMEOUT });
          await page.goto(`${stack.url}/#/jobs/${job.id}`);
          const grid = page.getByRole('list', { name: `Devices (${DEVICES})` });
          await grid.waitFor({ timeout: UI_TIMEOUT });
          await page.getByTestId('progress-text').getByText(`0 / ${DEVICES} done`).waitFor();

          const rendered = await grid.locator('.device-cell').count();
          expect(rendered).toBeGreaterThan(100);
          expect(rendered).toBeLessThan(DEVICES / 4);
          const last = grid.locator(`.device-cell[data-key="${keyOf(DEVICES - 1)}"]`);
          expect(await last.count()).toBe(0);

          await grid.hover();
          await page.mouse.wheel(0, DEVICES * 20);
          await last.waitFor({ timeout: UI_TIMEOUT });
          expect(await grid.locator('.device-cell').count()).toBeLessThan(DEVICES / 4);
        } finally {
          await page.close();
          await stack.close();
        }
      }),
    240_000,
  );
});
