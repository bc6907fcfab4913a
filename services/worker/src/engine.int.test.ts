import { RunCoordinator } from '@fleetpush/store';
import { installLeakCheck, waitUntil } from '@fleetpush/testing';
import { withIosEngine } from './__fixtures__/engine-harness';
import {
  allEvents,
  maxConcurrentSessions,
  redisNowUs,
  stateCounts,
} from './__fixtures__/observations';

jest.setTimeout(120_000);
installLeakCheck(5_000);

const NTP = 'ntp server 10.9.9.9';

const engine = withIosEngine;

describe('the engine on a simulated fleet (real Redis, real SSH)', () => {
  it('pushes a change canary first, then to every device, with pre/post checks and a diff', () =>
    engine(8, async (h) => {
      await h.startWorker();
      const jobId = await h.submit({
        commands: [NTP],
        verify_commands: ['show running-config | include ntp'],
        strategy: { concurrency: 3 },
      });
      expect(await h.waitForEnd(jobId)).toBe('completed');
      for (const device of h.fleet.devices) expect(device.ledger.count(NTP)).toBe(1);
      const canary = (await h.reader.results(jobId)).get(0) as Record<string, unknown>;
      expect(canary).toMatchObject({
        state: 'succeeded',
        attempts: 1,
        diff: { status: 'changed', added: 1 },
      });
      expect((canary.diff as { body: string }).body).toContain(`+${NTP}`);
      const starts = await h.reader.startTimesUs(jobId);
      const others = [...starts.entries()].filter(([i]) => i !== 0).map(([, us]) => us);
      expect(Math.min(...others)).toBeGreaterThan(starts.get(0)!);
      const canaryLogs = (await allEvents(h, jobId)).filter(
        (e) => e.type === 'log' && e.deviceKey === h.fleet.device(0).key,
      );
      const canaryLines = canaryLogs.flatMap((e) => (e.type === 'log' ? e.lines : []));
      expect(canaryLines.some((line) => line.includes(NTP))).toBe(true);
      // batched (one event per phase for a short session), not one event per line
      expect(canaryLogs.length).toBeLessThan(canaryLines.length / 3);
    }));

  it('a failed canary touches no other device: they end skipped and the job fails', () =>
    engine(6, async (h) => {
      h.fleet.device(0).setFaults({ rejectCommand: 'ntp server' });
      await h.startWorker();
      const jobId = await h.submit({ commands: [NTP] });
      expect(await h.waitForEnd(jobId)).toBe('failed');
      expect((await h.reader.record(jobId))?.end_reason).toBe('canary_failed');
      expect(await stateCounts(h, jobId)).toEqual({ failed: 1, skipped: 5 });
      for (const device of h.fleet.devices.slice(1)) {
        expect(device.ledger.isUntouched()).toBe(true);
        expect(device.sessions()).toHaveLength(0);
      }
      const results = await h.reader.results(jobId);
      expect(results.get(0)).toMatchObject({ state: 'failed', code: 'command_error', attempts: 1 });
      expect(results.get(3)).toMatchObject({ state: 'skipped', skipReason: 'canary_failed' });
    }));

  it('stops starting devices when a wave budget trips; in-flight devices finish; the rest are skipped', () =>
    engine(50, async (h) => {
      for (let i = 3; i <= 10; i += 1) h.fleet.device(i).setFaults({ rejectCommand: 'ntp server' });
      await h.startWorker();
      const jobId = await h.submit({
        commands: [NTP],
        strategy: { concurrency: 4, max_failures: 2 },
        retry: { attempts: 1 },
      });
      expect(await h.waitForEnd(jobId)).toBe('failed');
      const events = await allEvents(h, jobId);
      const failures = events.filter((e) => e.type === 'device:result' && e.state === 'failed');
      const tripSeq = failures[2]!.seq;
      const startsAfterTrip = events.filter(
        (e) => e.type === 'device:status' && e.state === 'connecting' && e.seq > tripSeq,
      );
      expect(startsAfterTrip).toEqual([]);
      const counts = await stateCounts(h, jobId);
      const started = [...(await h.reader.startTimesUs(jobId)).keys()];
      expect(counts.failed).toBe(started.filter((i) => i >= 3 && i <= 10).length);
      expect(counts.skipped).toBe(50 - started.length);
      expect(counts.failed).toBeGreaterThanOrEqual(3);
      for (const [i, device] of h.fleet.devices.entries()) {
        expect(device.ledger.isUntouched()).toBe(!started.includes(i) || (i >= 3 && i <= 10));
      }
      expect((await h.reader.results(jobId)).get(49)).toMatchObject({
        state: 'skipped',
        skipReason: 'budget_exceeded',
      });
    }));

  it('never has more than `concurrency` devices in flight, and the window is used', () =>
    engine(
      20,
      async (h) => {
        await h.startWorker();
        const jobId = await h.submit({
          commands: [NTP],
          verify_commands: ['show clock'],
          strategy: { concurrency: 4 },
        });
        expect(await h.waitForEnd(jobId)).toBe('completed');
        expect(maxConcurrentSessions(h.fleet.devices)).toBe(4);
      },
      25,
    ));

  it('the fleet-wide session cap holds across jobs and worker processes', () =>
    engine(
      16,
      async (h) => {
        await h.startWorker({ maxSshSessions: 3 });
        await h.startWorker({ maxSshSessions: 3 });
        const keys = h.fleet.devices.map((d) => d.key);
        const jobs = [
          await h.submit({
            commands: [NTP],
            targets: keys.slice(0, 8),
            strategy: { concurrency: 8 },
          }),
          await h.submit({ commands: [NTP], targets: keys.slice(8), strategy: { concurrency: 8 } }),
        ];
        for (const jobId of jobs) expect(await h.waitForEnd(jobId)).toBe('completed');
        expect(maxConcurrentSessions(h.fleet.devices)).toBe(3);
      },
      25,
    ));

  it('logins across the fleet never exceed the login rate (a token bucket: burst, then steady)', () =>
    engine(12, async (h) => {
      await h.startWorker({ loginRate: 4 });
      const jobId = await h.submit({ commands: [NTP], strategy: { concurrency: 12 } });
      expect(await h.waitForEnd(jobId)).toBe('completed');
      const logins = h.fleet.devices
        .flatMap((d) => [...d.sessions()].map((s) => s.openedAt))
        .sort((a, b) => a - b);
      expect(logins).toHaveLength(12);
      // a burst of 4, then one every 250 ms: the 12th login is at least 2 s after the first,
      // and any 9 consecutive logins span at least 1.25 s (margins: connect-time jitter)
      expect(logins[11]! - logins[0]!).toBeGreaterThanOrEqual(1_850);
      for (let i = 8; i < logins.length; i += 1)
        expect(logins[i]! - logins[i - 8]!).toBeGreaterThanOrEqual(1_100);
    }));

  it('starts devices at least stagger_ms apart', () =>
    engine(7, async (h) => {
      await h.startWorker();
      const jobId = await h.submit({
        commands: [NTP],
        strategy: { concurrency: 6, stagger_ms: 60 },
      });
      expect(await h.waitForEnd(jobId)).toBe('completed');
      const starts = [...(await h.reader.startTimesUs(jobId)).values()].sort((a, b) => a - b);
      for (let i = 1; i < starts.length; i += 1)
        expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(60_000);
    }));

  it('pause stops new starts at once, resume continues, and no device is changed twice', () =>
    engine(
      30,
      async (h) => {
        await h.startWorker();
        const jobId = await h.submit({ commands: [NTP], strategy: { concurrency: 3 } });
        await waitUntil(async () => (await stateCounts(h, jobId)).succeeded! >= 5);
        expect((await h.coordinator.control(jobId, 'pause', 'op')).kind).toBe('ok');
        const pausedAtUs = await redisNowUs(h);
        await waitUntil(async () => (await h.reader.dispatched(jobId)).length === 0, {
          description: 'in-flight devices to drain',
        });
        const starts = [...(await h.reader.startTimesUs(jobId)).values()];
        expect(starts.filter((us) => us > pausedAtUs)).toEqual([]);
        expect((await h.reader.record(jobId))?.status).toBe('paused');
        const resumed = await h.coordinator.control(jobId, 'resume', 'op');
        if (resumed.kind !== 'ok') throw new Error(resumed.kind);
        await h.queue.enqueue(resumed.dispatch.map((d) => ({ jobId, runId: jobId, ...d })));
        expect(await h.waitForEnd(jobId)).toBe('completed');
        for (const device of h.fleet.devices) expect(device.ledger.count(NTP)).toBe(1);
      },
      15,
    ));

  it('cancel lets in-flight devices finish cleanly and skips the rest', () =>
    engine(
      20,
      async (h) => {
        await h.startWorker();
        const jobId = await h.submit({ commands: [NTP], strategy: { concurrency: 2 } });
        await waitUntil(async () => (await stateCounts(h, jobId)).succeeded! >= 3);
        expect(await h.coordinator.control(jobId, 'cancel', 'op')).toMatchObject({
          kind: 'ok',
          status: 'cancelling',
        });
        expect(await h.waitForEnd(jobId)).toBe('cancelled');
        const counts = await stateCounts(h, jobId);
        expect(counts.failed ?? 0).toBe(0);
        expect(counts.aborted ?? 0).toBe(0);
        expect((counts.succeeded ?? 0) + (counts.skipped ?? 0)).toBe(20);
        expect(counts.skipped).toBeGreaterThan(0);
        const states = await h.statesByKey(jobId);
        for (const device of h.fleet.devices) {
          expect(device.ledger.count(NTP)).toBe(states.get(device.key) === 'succeeded' ? 1 : 0);
        }
      },
      20,
    ));

  it('terminate aborts a device stuck in a 30 s command within a second', () =>
    engine(4, async (h) => {
      for (const device of h.fleet.devices.slice(1))
        device.setFaults({ hangOnCommand: 'ntp server' });
      await h.startWorker();
      const jobId = await h.submit({
        commands: [NTP],
        strategy: { concurrency: 3 },
        timeouts: { command_ms: 30_000, device_ms: 60_000 },
      });
      await waitUntil(async () => (await h.reader.deviceStates(jobId)).get(1) === 'applying', {
        description: 'device 1 applying',
      });
      // 'applying' is journaled before the lines go out: wait until each hung device has
      // echoed its line (the live log shows it), so that terminate interrupts the command itself
      const hung = h.fleet.devices.slice(1).map((d) => d.key);
      await waitUntil(
        async () => {
          const logs = (await allEvents(h, jobId)).filter(
            (e) => e.type === 'log' && e.lines.some((line) => line.includes(NTP)),
          );
          return hung.every((key) => logs.some((e) => e.type === 'log' && e.deviceKey === key));
        },
        { description: 'the three hung devices to have echoed their config line' },
      );
      const issued = Date.now();
      expect((await h.coordinator.control(jobId, 'terminate', 'op')).kind).toBe('ok');
      expect(await h.waitForEnd(jobId, 5_000)).toBe('cancelled');
      expect(Date.now() - issued).toBeLessThan(1_000);
      expect(await stateCounts(h, jobId)).toEqual({ succeeded: 1, aborted: 3 });
      const aborted = (await h.reader.results(jobId)).get(1) as Record<string, unknown>;
      expect(aborted).toMatchObject({ state: 'aborted', code: 'aborted' });
      expect(String(aborted.transcript)).toContain(NTP);
    }));

  it('a worker that missed the terminate message still obeys the stored control state', () =>
    engine(3, async (h) => {
      for (const device of h.fleet.devices.slice(1))
        device.setFaults({ hangOnCommand: 'ntp server' });
      await h.startWorker();
      const jobId = await h.submit({
        commands: [NTP],
        strategy: { concurrency: 2 },
        timeouts: { command_ms: 30_000, device_ms: 60_000 },
      });
      await waitUntil(
        async () =>
          [...(await h.reader.deviceStates(jobId)).values()].filter((s) => s === 'applying')
            .length === 2,
      );
      // The same control step, with its wake-up published where no worker listens.
      const deaf = new RunCoordinator(h.redis, {
        ...h.keys,
        controlChannel: `${h.prefix}:nobody-listens`,
      });
      expect((await deaf.control(jobId, 'terminate', 'op')).kind).toBe('ok');
      expect(await h.waitForEnd(jobId, 5_000)).toBe('cancelled');
      expect(await stateCounts(h, jobId)).toEqual({ succeeded: 1, aborted: 2 });
    }));

  it('retries a login failure and succeeds; never retries a failure after apply began', () =>
    engine(3, async (h) => {
      // Each login tries password then keyboard-interactive: 4 refusals = 2 failed logins.
      h.fleet.device(1).setFaults({ authFailures: 4 });
      h.fleet.device(2).setFaults({ hangOnCommand: 'logging host' });
      await h.startWorker();
      const jobId = await h.submit({
        commands: [NTP, 'logging host 10.1.1.1'],
        strategy: { concurrency: 2, stop_on_error: false },
        retry: { attempts: 3, backoff_ms: 10 },
        timeouts: { command_ms: 500, device_ms: 10_000 },
      });
      expect(await h.waitForEnd(jobId)).toBe('failed');
      const results = await h.reader.results(jobId);
      expect(results.get(1)).toMatchObject({ state: 'succeeded', attempts: 3 });
      expect(results.get(2)).toMatchObject({
        state: 'failed',
        attempts: 1,
        code: 'command_timeout',
        // both lines were sent; the second was never answered, so config may have changed
        config_lines_sent: 2,
      });
      expect(h.fleet.device(2).ledger.count(NTP)).toBe(1);
    }));

  it('the reconciler starts a job whose start was lost after it was stored', () =>
    engine(3, async (h) => {
      await h.startWorker();
      const jobId = await h.submit({ commands: [NTP] }, { start: false });
      expect((await h.reader.record(jobId))?.status).toBe('queued');
      expect(await h.waitForEnd(jobId)).toBe('completed');
      for (const device of h.fleet.devices) expect(device.ledger.count(NTP)).toBe(1);
    }));

  it('a dry run renders, connects and pre-checks, and never enters config mode', () =>
    engine(4, async (h) => {
      await h.startWorker();
      const jobId = await h.submit({
        commands: ['hostname {{hostname}}-new'],
        verify_commands: ['show running-config | include hostname'],
        dry_run: true,
      });
      expect(await h.waitForEnd(jobId)).toBe('completed');
      for (const device of h.fleet.devices) expect(device.ledger.isUntouched()).toBe(true);
      const task = (await h.reader.deviceTask(jobId, 1)) as { commands: string[] };
      expect(task.commands).toEqual([`hostname ${h.fleet.device(1).hostname}-new`]);
      const result = (await h.reader.results(jobId)).get(1) as {
        pre: Array<{ output: string }>;
        apply?: unknown;
      };
      expect(result.pre[0]!.output).toContain(`hostname ${h.fleet.device(1).hostname}`);
      expect(result.apply).toBeUndefined();
    }));

  it('a device slower than its lease keeps the lease: a second job waits for it', () =>
    engine(
      2,
      async (h) => {
        // a session of ≈ 10 commands at 150 ms each outlives the 600 ms lease several times
        await h.startWorker({}, { leaseTtlMs: 600 });
        const keys = h.fleet.devices.map((d) => d.key);
        const change = [
          NTP,
          'ntp server 10.9.9.10',
          'ntp server 10.9.9.11',
          'ntp server 10.9.9.12',
        ];
        const a = await h.submit({
          commands: change,
          verify_commands: ['show clock'],
          targets: keys,
          strategy: { concurrency: 2 },
        });
        const b = await h.submit({
          commands: ['logging host 10.1.1.1'],
          verify_commands: ['show clock'],
          targets: keys,
          canary: keys[1],
          strategy: { concurrency: 2 },
        });
        expect(await h.waitForEnd(a)).toBe('completed');
        expect(await h.waitForEnd(b)).toBe('completed');
        for (const device of h.fleet.devices) {
          const sessions = [...device.sessions()].sort((x, y) => x.openedAt - y.openedAt);
          expect(sessions).toHaveLength(2);
          expect(sessions[1]!.openedAt).toBeGreaterThanOrEqual(sessions[0]!.closedAt!);
        }
      },
      150,
    ));

  it('two jobs on overlapping devices never touch a device at the same time', () =>
    engine(
      8,
      async (h) => {
        await h.startWorker();
        const keys = h.fleet.devices.map((d) => d.key);
        const a = await h.submit({
          commands: [NTP],
          targets: keys.slice(0, 6),
          strategy: { concurrency: 6 },
        });
        const b = await h.submit({
          commands: ['logging host 10.1.1.1'],
          targets: keys.slice(2, 8),
          canary: keys[5],
          strategy: { concurrency: 6 },
        });
        expect(await h.waitForEnd(a)).toBe('completed');
        expect(await h.waitForEnd(b)).toBe('completed');
        for (const device of h.fleet.devices) {
          const sessions = [...device.sessions()].sort((x, y) => x.openedAt - y.openedAt);
          for (let i = 1; i < sessions.length; i += 1)
            expect(sessions[i]!.openedAt).toBeGreaterThanOrEqual(sessions[i - 1]!.closedAt!);
        }
        const waited = [...(await allEvents(h, a)), ...(await allEvents(h, b))].filter(
          (e) => e.type === 'device:waiting',
        );
        expect(waited.length).toBeGreaterThan(0);
      },
      20,
    ));
});
