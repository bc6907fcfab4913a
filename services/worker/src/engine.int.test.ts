import { withRedis } from '@fleetpush/testing';
import { withEngine } from './__fixtures__/engine-harness';

jest.setTimeout(120_000);

describe('the engine on a simulated fleet', () => {
  it('pushes a change canary first, then to every device, with pre/post checks and a diff', async () => {
    await withRedis(async (ctx) => {
      await withEngine(ctx, { devices: 8, platforms: ['cisco_ios'] }, async (h) => {
        await h.startWorker();
        const jobId = await h.submit({
          commands: ['ntp server 10.9.9.9'],
          verify_commands: ['show running-config | include ntp'],
          strategy: { concurrency: 3 },
        });
        expect(await h.waitForEnd(jobId)).toBe('completed');
        for (const device of h.fleet.devices)
          expect(device.ledger.count('ntp server 10.9.9.9')).toBe(1);
        const results = await h.reader.results(jobId);
        const canary = results.get(0) as Record<string, unknown>;
        expect(canary).toMatchObject({
          state: 'succeeded',
          attempts: 1,
          diff: { status: 'changed', added: 1 },
        });
        expect((canary.diff as { body: string }).body).toContain('+ntp server 10.9.9.9');
      });
    });
  });
});
