import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { jobWebhookBodySchema } from '@fleetpush/contracts';
import { WebhookQueue } from '@fleetpush/queue';
import { releaseHeldJob } from '@fleetpush/store';
import { installLeakCheck, waitUntil, withRedis } from '@fleetpush/testing';
import { testLogger, withEngine, type EngineHarness } from './__fixtures__/engine-harness';
import { Reconciler } from './reconciler';

jest.setTimeout(60_000);
installLeakCheck(5_000);

const SECRET = 'webhook-secret-0123456789abcdef0123456789';

/** A request the receiver got. */
interface Received {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly answered: number;
}

/** A local HTTP receiver that answers each request with the next status of `statuses` (then 200). */
class Receiver {
  readonly requests: Received[] = [];
  private readonly server: Server;

  constructor(private readonly statuses: number[]) {
    this.server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        const answered = this.statuses.shift() ?? 200;
        this.requests.push({ headers: req.headers, body, answered });
        res.writeHead(answered).end();
      });
    });
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks/fleetpush`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

function signatureOf(body: string): string {
  return `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
}

async function withReceiver(
  statuses: number[],
  fn: (receiver: Receiver, url: string) => Promise<void>,
): Promise<void> {
  const receiver = new Receiver(statuses);
  const url = await receiver.listen();
  try {
    await fn(receiver, url);
  } finally {
    await receiver.close();
  }
}

/** Two workers (as two processes would be), signing with SECRET and retrying after 50 ms. */
async function startWorkers(h: EngineHarness): Promise<void> {
  for (let i = 0; i < 2; i += 1) {
    await h.startWorker({ webhookSecret: SECRET }, { webhooks: { backoffMs: 50 } });
  }
}

/** Waits until the job left the active set: any webhook it asked for was enqueued by then. */
async function waitUntilSettled(h: EngineHarness, jobId: string): Promise<void> {
  await waitUntil(async () => !(await h.reader.activeJobIds()).includes(jobId), {
    timeoutMs: 20_000,
    description: `job ${jobId} to leave the active set`,
  });
}

async function deliveryState(h: EngineHarness, jobId: string): Promise<string> {
  const queue = new WebhookQueue(h.redis, h.prefix);
  try {
    return await queue.state(jobId);
  } finally {
    await queue.close();
  }
}

describe('job webhooks (real Redis, real SSH, a local HTTP receiver)', () => {
  it('POSTs the signed summary once when a job completes, retrying after a 500', () =>
    withRedis((ctx) =>
      withEngine(ctx, { devices: 3, platforms: ['cisco_ios'] }, (h) =>
        withReceiver([500], async (receiver, url) => {
          await startWorkers(h);
          const jobId = await h.submit({ notify_url: url, commands: ['ntp server 10.0.0.7'] });
          expect(await h.waitForEnd(jobId)).toBe('completed');
          await waitUntil(() => receiver.requests.some((r) => r.answered === 200), {
            timeoutMs: 20_000,
            description: 'a delivery the receiver accepted',
          });
          await waitUntilSettled(h, jobId);
          await waitUntil(async () => (await deliveryState(h, jobId)) === 'completed', {
            description: 'the delivery to be done',
          });
          expect(receiver.requests.map((r) => r.answered)).toEqual([500, 200]);
          for (const request of receiver.requests) {
            expect(request.headers['x-fleetpush-signature']).toBe(signatureOf(request.body));
            expect(request.headers['x-fleetpush-event']).toBe('job:completed');
            expect(request.headers['x-fleetpush-delivery']).toBe(jobId);
            expect(request.headers['content-type']).toBe('application/json');
          }
          const [first, second] = receiver.requests;
          expect(second?.body).toBe(first?.body);
          const body = jobWebhookBodySchema.strict().parse(JSON.parse(second?.body ?? ''));
          expect(body).toMatchObject({
            event: 'job:completed',
            job: {
              id: jobId,
              status: 'completed',
              targets: 3,
              counts: { succeeded: 3 },
              failure_codes: {},
              reason: null,
            },
          });
          expect(Date.parse(body.job.finished_at ?? '')).toBeGreaterThanOrEqual(
            Date.parse(body.job.started_at ?? ''),
          );
          for (const device of h.fleet.devices) expect(second?.body).not.toContain(device.password);
        }),
      ),
    ));

  it('reports a failed job with its failure codes, and sends nothing for a job without notify_url', () =>
    withRedis((ctx) =>
      withEngine(ctx, { devices: 3, platforms: ['cisco_ios'] }, (h) =>
        withReceiver([], async (receiver, url) => {
          h.fleet.device(0).setFaults({ rejectCommand: 'ntp server' });
          await startWorkers(h);
          const failed = await h.submit({ notify_url: url, commands: ['ntp server 10.0.0.8'] });
          const quiet = await h.submit({ commands: ['ntp server 10.0.0.9'] });
          expect(await h.waitForEnd(failed)).toBe('failed');
          expect(await h.waitForEnd(quiet)).toBe('failed');
          await waitUntilSettled(h, failed);
          await waitUntilSettled(h, quiet);
          await waitUntil(async () => (await deliveryState(h, failed)) === 'completed', {
            description: 'the delivery to be done',
          });
          expect(await deliveryState(h, quiet)).toBe('missing');
          expect(receiver.requests).toHaveLength(1);
          const request = receiver.requests[0]!;
          expect(request.headers['x-fleetpush-event']).toBe('job:failed');
          expect(JSON.parse(request.body)).toMatchObject({
            event: 'job:failed',
            job: {
              id: failed,
              status: 'failed',
              counts: { failed: 1, skipped: 2 },
              failure_codes: { command_error: 1 },
              reason: 'canary_failed',
            },
          });
        }),
      ),
    ));
});

describe('approval notices (real Redis, real SSH, a local HTTP receiver)', () => {
  /** The receiver's requests as `event delivery-id`, in arrival order. */
  const deliveries = (receiver: Receiver): string[] =>
    receiver.requests.map(
      (r) =>
        `${String(r.headers['x-fleetpush-event'])} ${String(r.headers['x-fleetpush-delivery'])}`,
    );

  it('announces a job held for approval before its start, signed, then its end as its own delivery', () =>
    withRedis((ctx) =>
      withEngine(ctx, { devices: 3, platforms: ['cisco_ios'] }, (h) =>
        withReceiver([], async (receiver, url) => {
          await startWorkers(h);
          const jobId = await h.submit({ notify_url: url }, { awaitingApproval: true });
          await waitUntil(() => receiver.requests.length > 0 || undefined, {
            timeoutMs: 20_000,
            description: 'the approval notice',
          });
          const [notice] = receiver.requests;
          expect(notice!.headers['x-fleetpush-signature']).toBe(signatureOf(notice!.body));
          const body = jobWebhookBodySchema.strict().parse(JSON.parse(notice!.body));
          expect(body).toMatchObject({
            event: 'job:awaiting_approval',
            job: {
              id: jobId,
              status: 'queued',
              awaiting_approval: 'start',
              counts: { pending: 3 },
            },
          });
          for (const device of h.fleet.devices) expect(device.sessions()).toHaveLength(0);

          // as the API cancels a held job: the reconciler then finishes it (its webhook)
          await h.coordinator.control(jobId, 'cancel', 'tester');
          await releaseHeldJob(h.redis, h.keys, jobId);
          expect(await h.waitForEnd(jobId)).toBe('cancelled');
          await waitUntilSettled(h, jobId);
          await waitUntil(async () => (await deliveryState(h, jobId)) === 'completed', {
            description: 'the end to be delivered',
          });
          expect(deliveries(receiver)).toEqual([
            `job:awaiting_approval ${jobId}.approval`,
            `job:cancelled ${jobId}`,
          ]);
          expect(JSON.parse(receiver.requests[1]!.body)).toMatchObject({
            job: { status: 'cancelled', awaiting_approval: null },
          });
        }),
      ),
    ));

  it('announces a job held after its canary passed, and its end once resumed', () =>
    withRedis((ctx) =>
      withEngine(ctx, { devices: 3, platforms: ['cisco_ios'] }, (h) =>
        withReceiver([], async (receiver, url) => {
          await startWorkers(h);
          const jobId = await h.submit({ notify_url: url, pause_after_canary: true });
          await waitUntil(() => receiver.requests.length > 0 || undefined, {
            timeoutMs: 20_000,
            description: 'the approval notice',
          });
          expect(JSON.parse(receiver.requests[0]!.body)).toMatchObject({
            event: 'job:awaiting_approval',
            job: {
              status: 'paused',
              awaiting_approval: 'after_canary',
              counts: { succeeded: 1, pending: 2 },
            },
          });
          const resumed = await h.coordinator.control(jobId, 'resume', 'tester');
          if (resumed.kind !== 'ok') throw new Error(`resume: ${resumed.kind}`);
          await h.queue.enqueue(resumed.dispatch.map((d) => ({ jobId, runId: jobId, ...d })));
          expect(await h.waitForEnd(jobId)).toBe('completed');
          await waitUntilSettled(h, jobId);
          await waitUntil(async () => (await deliveryState(h, jobId)) === 'completed', {
            description: 'the end to be delivered',
          });
          expect(deliveries(receiver)).toEqual([
            `job:awaiting_approval ${jobId}.after-canary`,
            `job:completed ${jobId}`,
          ]);
        }),
      ),
    ));

  it('asks for each notice once across passes, and none for a job that awaits nothing', () =>
    withRedis((ctx) =>
      withEngine(ctx, { devices: 2, platforms: ['cisco_ios'] }, async (h) => {
        const held = await h.submit({}, { awaitingApproval: true });
        await h.submit({}, { start: false });
        const asked: string[] = [];
        for (let pass = 0; pass < 3; pass += 1) {
          await h.redis.del(`${h.prefix}:reconciler:lock`);
          await new Reconciler(
            h.redis,
            h.keys,
            h.reader,
            h.coordinator,
            h.queue,
            'w1',
            testLogger(),
            {
              onAwaitingApproval: async (jobId, awaiting) => {
                asked.push(`${jobId} ${awaiting}`);
              },
            },
          ).pass();
        }
        expect(asked).toEqual([`${held} start`]);
      }),
    ));
});

describe('the finished-job hook of the reconciler', () => {
  it('keeps a job whose hook failed active for the next pass, and still finishes the others', () =>
    withRedis((ctx) =>
      withEngine(ctx, { devices: 2, platforms: ['cisco_ios'] }, async (h) => {
        const [broken, fine] = [
          await h.submit({}, { start: false }),
          await h.submit({}, { start: false }),
        ];
        for (const id of [broken, fine]) {
          await h.redis.hset(h.keys.job(id).record, 'status', 'completed');
        }
        const calls: string[] = [];
        let failing = true;
        const reconciler = (): Reconciler =>
          new Reconciler(h.redis, h.keys, h.reader, h.coordinator, h.queue, 'w1', testLogger(), {
            onJobFinished: async (jobId) => {
              calls.push(jobId);
              if (failing && jobId === broken) throw new Error('queue unavailable');
            },
          });
        await reconciler().pass();
        expect((await h.reader.activeJobIds()).sort()).toEqual([broken]);
        await h.redis.del(`${h.prefix}:reconciler:lock`);
        failing = false;
        await reconciler().pass();
        expect(await h.reader.activeJobIds()).toEqual([]);
        expect(calls.filter((id) => id === broken)).toHaveLength(2);
        expect(calls.filter((id) => id === fine)).toHaveLength(1);
      }),
    ));
});
