import { startFleet } from '@fleetpush/device-sim';
import { freePort, installLeakCheck, withRedis } from '@fleetpush/testing';
import { browserForSuite } from './__test-support__/browser';
import { ADMIN_TOKEN, ensureWebBuilt, startWebStack } from './__test-support__/web-stack';

const UI_TIMEOUT = 30_000;

installLeakCheck();

const newPage = browserForSuite(ensureWebBuilt);

async function importCsv(url: string, csv: string, query: string): Promise<void> {
  const res = await fetch(`${url}/api/v1/devices/import${query}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'text/csv' },
    body: csv,
  });
  expect(res.status).toBe(200);
}

describe('Devices page reachability', () => {
  it('shows a reachability badge per device and filters the table by it', async () => {
    const fleet = await startFleet({
      devices: [
        { platform: 'cisco_ios' },
        { platform: 'cisco_ios', faults: { authFailures: Infinity } },
      ],
    });
    try {
      await withRedis(async (ctx) => {
        const stack = await startWebStack(ctx, 0);
        const page = await newPage();
        try {
          const [ok, refusing] = fleet.devices;
          const closedPort = await freePort();
          const closed = `127.0.0.1:${closedPort}`;
          const csv = `${fleet.toCsv()}127.0.0.1,${closedPort},cisco_ios,netops,pw,closed,false,\n`;
          await importCsv(stack.url, csv, '?validate=connect');
          await importCsv(
            stack.url,
            'host,port,device_type,username,password,name,prod\n10.9.9.9,22,cisco_ios,netops,pw,later,false\n',
            '?mode=merge',
          );

          await page.goto(stack.url);
          await page.getByLabel('API token').fill(ADMIN_TOKEN);
          await page.getByRole('button', { name: 'Sign in' }).click();
          await page
            .getByTestId('device-total')
            .getByText('4 devices')
            .waitFor({ timeout: UI_TIMEOUT });
          const badge = (key: string) =>
            page
              .getByRole('row', { name: new RegExp(key.replace(/[.[\]]/g, '\\$&')) })
              .locator('[data-reachability]');
          expect(await badge(ok!.key).innerText()).toContain('reachable');
          expect(await badge(refusing!.key).innerText()).toContain('login failed');
          expect(await badge(closed).innerText()).toContain('unreachable');
          expect(await badge('10.9.9.9:22').innerText()).toContain('unchecked');

          const filter = page.getByLabel('Reachability');
          for (const [choice, key] of [
            ['login_failed', refusing!.key],
            ['unreachable', closed],
            ['unchecked', '10.9.9.9:22'],
            ['reachable', ok!.key],
          ] as const) {
            await filter.selectOption(choice);
            await page
              .getByTestId('device-total')
              .getByText('1 device')
              .waitFor({ timeout: UI_TIMEOUT });
            await page
              .getByRole('row', { name: new RegExp(key.replace(/[.[\]]/g, '\\$&')) })
              .waitFor();
            expect(await page.locator('tbody tr').count()).toBe(1);
          }
          await filter.selectOption('');
          await page
            .getByTestId('device-total')
            .getByText('4 devices')
            .waitFor({ timeout: UI_TIMEOUT });
        } finally {
          await page.close();
          await stack.close();
        }
      });
    } finally {
      await fleet.close();
    }
  });
});
