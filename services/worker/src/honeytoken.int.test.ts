import { createLogger } from '@fleetpush/runtime';
import { dumpRedisPrefix, installLeakCheck, leakedSecrets, withRedis } from '@fleetpush/testing';
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { withEngine } from './__fixtures__/engine-harness';
import { allEvents } from './__fixtures__/observations';
import { createWorkerService } from './worker-service';

jest.setTimeout(120_000);
installLeakCheck(5_000);

/** A unique marker no output could contain by chance. */
function marker(kind: string): string {
  return `honey-${kind}-${randomBytes(8).toString('hex')}`;
}

describe('honeytokens through a real run (worker, SSH, Redis, events, debug logs)', () => {
  it('no password or enable secret appears in an event, a log line, or any Redis key or value', async () => {
    const secrets: string[] = [];
    const device = (hostname: string, faults = {}) => {
      const password = marker('password');
      const enableSecret = marker('enable');
      secrets.push(password, enableSecret);
      return { platform: 'cisco_ios' as const, hostname, password, enableSecret, faults };
    };
    await withRedis((ctx) =>
      withEngine(
        ctx,
        {
          devices: [
            device('ok1'),
            device('ok2'),
            device('rejects', { rejectCommand: 'ntp server' }), // fails mid-apply
            device('locked', { authFailures: 2 }), // refused twice, then retried in
            device('dropped', { dropAfterCommands: 4 }), // the session drops mid-change
          ],
        },
        async (h) => {
          const lines: string[] = [];
          const sink = new Writable({
            write: (chunk: Buffer, _enc, done) => {
              lines.push(chunk.toString('utf8'));
              done();
            },
          });
          const logger = createLogger({ service: 'worker', level: 'debug', destination: sink });
          const worker = createWorkerService(h.workerConfig(), logger, {
            reconciler: { intervalMs: 300, graceMs: 1_000, queuedGraceMs: 1_000 },
          });
          h.workers.push(worker);
          await worker.start();
          const jobId = await h.submit({
            commands: ['ntp server 10.9.9.9'],
            verify_commands: ['show running-config'],
            strategy: { concurrency: 5, stop_on_error: false },
            retry: { attempts: 3, backoff_ms: 50 },
          });
          expect(await h.waitForEnd(jobId)).toBe('failed');
          const states = [...(await h.reader.deviceStates(jobId)).values()].sort();
          expect(states).toEqual(['failed', 'failed', 'succeeded', 'succeeded', 'succeeded']);
          // the run really exercised logins (incl. enable), outputs and failures
          expect(lines.length).toBeGreaterThan(0);
          const events = JSON.stringify(await allEvents(h, jobId));
          expect(events).toContain('"type":"log"');
          expect(leakedSecrets(events, secrets)).toEqual([]);
          expect(leakedSecrets(lines.join('\n'), secrets)).toEqual([]);
          const stored = await dumpRedisPrefix(h.redis, h.prefix);
          expect(stored).toContain('show running-config');
          expect(leakedSecrets(stored, secrets)).toEqual([]);
        },
      ),
    );
  });
});
