import { installLeakCheck } from '@fleetpush/testing';
import { withIosEngine } from './__fixtures__/engine-harness';
import { maxConcurrentSessions } from './__fixtures__/observations';

jest.setTimeout(120_000);
installLeakCheck(5_000);

const NTP = 'ntp server 10.9.9.9';

describe('group limits (real Redis, real SSH)', () => {
  it('never has two devices of a site, or two cores, in session at once; the other sites go on meanwhile', () =>
    withIosEngine(
      13,
      async (h) => {
        // the canary, then four devices per site in a row; one core router at each site
        const site = (i: number): string =>
          ['ams', 'fra', 'lon'][Math.floor(Math.max(0, i - 1) / 4)]!;
        h.inventory.forEach((d, i) => {
          d.vars = { site: site(i) };
          d.tags = i % 4 === 2 ? ['core'] : [];
        });
        await h.startWorker();
        const jobId = await h.submit({
          commands: [NTP],
          verify_commands: ['show clock'],
          canary: h.fleet.devices[0]!.key,
          strategy: {
            concurrency: 8,
            limits: [
              { per: 'site', concurrency: 1 },
              { tag: 'core', concurrency: 1 },
            ],
          },
        });
        expect(await h.waitForEnd(jobId)).toBe('completed');

        const devices = h.fleet.devices;
        for (const name of ['ams', 'fra', 'lon'])
          expect(maxConcurrentSessions(devices.filter((_, i) => site(i) === name))).toBe(1);
        expect(maxConcurrentSessions(devices.filter((_, i) => i % 4 === 2))).toBe(1);
        // a site at its cap did not hold the others back: more than one site at a time
        expect(maxConcurrentSessions(devices)).toBeGreaterThanOrEqual(2);
        for (const device of devices) expect(device.ledger.count(NTP)).toBe(1);
      },
      25,
    ));
});
