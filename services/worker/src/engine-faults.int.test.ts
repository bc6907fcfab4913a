import type { FaultSpec } from '@fleetpush/device-sim';
import { withRedis } from '@fleetpush/testing';
import fc from 'fast-check';
import { withEngine } from './__fixtures__/engine-harness';

jest.setTimeout(300_000);

const NTP = 'ntp server 10.9.9.9';
const LOGGING = 'logging host 10.1.1.1';
const DEVICES = 4;

/** One device's misbehaviour for a case: what real fleets do to a push. */
const faultArb: fc.Arbitrary<FaultSpec> = fc.oneof(
  { weight: 3, arbitrary: fc.constant<FaultSpec>({}) },
  fc.constant<FaultSpec>({ rejectCommand: 'ntp server' }),
  fc.constant<FaultSpec>({ rejectCommand: 'logging host' }),
  fc.constant<FaultSpec>({ authFailures: Number.POSITIVE_INFINITY }),
  fc.integer({ min: 0, max: 3 }).map<FaultSpec>((n) => ({ authFailures: n * 2 })),
  fc.integer({ min: 1, max: 8 }).map<FaultSpec>((n) => ({ dropAfterCommands: n })),
  fc.integer({ min: 1, max: 8 }).map<FaultSpec>((ms) => ({ commandLatencyMs: ms })),
);

describe('the engine under generated fault schedules (real SSH)', () => {
  it('never touches another device when the canary fails, ends every device once, never applies twice', () =>
    withRedis((ctx) =>
      withEngine(ctx, { devices: DEVICES, platforms: ['cisco_ios'] }, async (h) => {
        await h.startWorker();
        await fc.assert(
          fc.asyncProperty(
            fc.array(faultArb, { minLength: DEVICES, maxLength: DEVICES }),
            fc.boolean(),
            async (faults, stopOnError) => {
              const sessionsBefore = h.fleet.devices.map((d) => d.sessions().length);
              h.fleet.devices.forEach((d, i) => {
                d.ledger.clear();
                d.setFaults(faults[i]!);
              });
              const jobId = await h.submit({
                commands: [NTP, LOGGING],
                strategy: { concurrency: 2, stop_on_error: stopOnError },
                retry: { attempts: 2, backoff_ms: 5 },
                timeouts: { command_ms: 2_000, device_ms: 10_000 },
              });
              const status = await h.waitForEnd(jobId);
              const states = await h.reader.deviceStates(jobId);
              expect(states.size).toBe(DEVICES);
              expect(
                [...states.values()].every((s) => ['succeeded', 'failed', 'skipped'].includes(s)),
              ).toBe(true);
              for (const device of h.fleet.devices) {
                expect(device.ledger.count(NTP)).toBeLessThanOrEqual(1);
                expect(device.ledger.count(LOGGING)).toBeLessThanOrEqual(1);
              }
              if (states.get(0) !== 'succeeded') {
                expect(status).toBe('failed');
                h.fleet.devices.slice(1).forEach((device, i) => {
                  expect(device.ledger.isUntouched()).toBe(true);
                  expect(device.sessions().length).toBe(sessionsBefore[i + 1]);
                  expect(states.get(i + 1)).toBe('skipped');
                });
              }
              expect(status === 'completed').toBe(
                [...states.values()].every((s) => s === 'succeeded'),
              );
            },
          ),
          { numRuns: 200 },
        );
      }),
    ));
});
