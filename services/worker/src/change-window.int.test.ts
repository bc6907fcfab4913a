import type { FleetEvent } from '@fleetpush/contracts';
import { installLeakCheck, isoInMs } from '@fleetpush/testing';
import { withIosEngine } from './__fixtures__/engine-harness';
import { allEvents, stateCounts } from './__fixtures__/observations';
import { SCHEDULE_ACTOR } from './scheduled-starts';

jest.setTimeout(120_000);
installLeakCheck(5_000);

const NTP = 'ntp server 10.9.9.9';

const engine = withIosEngine;

type StatusEvent = Extract<FleetEvent, { type: 'job:status' }>;

function statusEvents(events: readonly FleetEvent[]): StatusEvent[] {
  return events.filter((e): e is StatusEvent => e.type === 'job:status');
}

describe('change windows (real Redis, real SSH)', () => {
  it('a job scheduled ahead waits queued, touching no device, until a worker starts it at its time', () =>
    engine(3, async (h) => {
      await h.startWorker();
      const startAt = isoInMs(2_500);
      const jobId = await h.submit({ commands: [NTP], window: { start_at: startAt } });
      await new Promise((resolve) => setTimeout(resolve, 1_200));
      expect((await h.reader.record(jobId))?.status).toBe('queued');
      for (const device of h.fleet.devices) expect(device.sessions()).toHaveLength(0);

      expect(await h.waitForEnd(jobId)).toBe('completed');
      for (const device of h.fleet.devices) expect(device.ledger.count(NTP)).toBe(1);
      const started = statusEvents(await allEvents(h, jobId)).find((e) => e.to === 'running');
      expect(started).toMatchObject({ from: 'queued', actor: SCHEDULE_ACTOR });
      expect(Date.parse(started!.at)).toBeGreaterThanOrEqual(Date.parse(startAt));
      expect(await h.redis.zcard(h.keys.scheduledJobs)).toBe(0);
      expect(await h.redis.sismember(h.keys.heldJobs, jobId)).toBe(0);
    }));

  it('when the window closes mid-run, devices in flight finish, none starts after it, the rest are skipped', () =>
    engine(
      8,
      async (h) => {
        await h.startWorker();
        const endAt = isoInMs(2_500);
        const jobId = await h.submit({
          commands: [NTP],
          verify_commands: ['show running-config | include ntp'],
          strategy: { concurrency: 1 },
          window: { end_at: endAt },
        });
        expect(await h.waitForEnd(jobId)).toBe('cancelled');

        const counts = await stateCounts(h, jobId);
        expect(counts.succeeded).toBeGreaterThanOrEqual(1);
        expect(counts.skipped).toBeGreaterThanOrEqual(1);
        expect((counts.succeeded ?? 0) + (counts.skipped ?? 0)).toBe(8);
        // begin decides on the worker's clock; the start is stamped on Redis's a moment later
        // (one host, one clock): a device that began just before the close may be stamped a
        // few ms after it, never more
        for (const us of (await h.reader.startTimesUs(jobId)).values())
          expect(us / 1_000).toBeLessThan(Date.parse(endAt) + 50);

        const results = await h.reader.results(jobId);
        const states = await h.reader.deviceStates(jobId);
        for (const [index, state] of states) {
          const device = h.fleet.device(index);
          if (state === 'skipped') {
            expect(results.get(index)).toMatchObject({
              state: 'skipped',
              skipReason: 'window_closed',
            });
            expect(device.sessions()).toHaveLength(0);
          } else expect(device.ledger.count(NTP)).toBe(1);
        }

        const events = await allEvents(h, jobId);
        expect(statusEvents(events).find((e) => e.to === 'cancelling')).toMatchObject({
          reason: 'change window closed',
          actor: 'fleetpush',
        });
        expect(events.find((e) => e.type === 'job:finished')).toMatchObject({
          status: 'cancelled',
          reason: 'window_closed',
        });
        expect((await h.reader.record(jobId))?.end_reason).toBe('window_closed');
      },
      100,
    ));

  it('a job held for approval after its canary ends when its window closes, nobody resuming it', () =>
    engine(4, async (h) => {
      await h.startWorker();
      const jobId = await h.submit({
        commands: [NTP],
        pause_after_canary: true,
        window: { end_at: isoInMs(2_000) },
      });
      expect(await h.waitForEnd(jobId)).toBe('cancelled');
      expect(await stateCounts(h, jobId)).toEqual({ succeeded: 1, skipped: 3 });
      const results = await h.reader.results(jobId);
      for (const index of [1, 2, 3]) {
        expect(results.get(index)).toMatchObject({ skipReason: 'window_closed' });
        expect(h.fleet.device(index).sessions()).toHaveLength(0);
      }
      const statuses = statusEvents(await allEvents(h, jobId)).map((e) => e.to);
      expect(statuses).toEqual(['queued', 'running', 'paused', 'cancelling', 'cancelled']);
    }));

  it('a job whose window closes before a worker gets to start it starts nothing', () =>
    engine(3, async (h) => {
      const jobId = await h.submit({
        commands: [NTP],
        window: { start_at: isoInMs(300), end_at: isoInMs(600) },
      });
      await new Promise((resolve) => setTimeout(resolve, 900));
      await h.startWorker();
      expect(await h.waitForEnd(jobId)).toBe('cancelled');
      expect(await stateCounts(h, jobId)).toEqual({ skipped: 3 });
      for (const device of h.fleet.devices) expect(device.sessions()).toHaveLength(0);
    }));
});
