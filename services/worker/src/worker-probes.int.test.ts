import {
  installLeakCheck,
  metricValue,
  startPrivateRedis,
  httpGet,
  readyz,
  readyzBecomes,
  waitUntil,
  withRedis,
} from '@fleetpush/testing';
import { Redis } from 'ioredis';
import { EngineHarness, withEngine } from './__fixtures__/engine-harness';
import { stateCounts } from './__fixtures__/observations';

jest.setTimeout(90_000);
installLeakCheck();

const NTP = 'ntp server 10.9.9.9';

describe('worker probes and metrics', () => {
  it('/metrics counts every device of a real run by outcome and failure code', () =>
    withRedis((ctx) =>
      withEngine(ctx, { devices: 24, platforms: ['cisco_ios'] }, async (h) => {
        // Two devices refuse the change: they end failed, with the code the worker recorded.
        for (const i of [5, 17]) h.fleet.device(i).setFaults({ rejectCommand: 'ntp server' });
        const worker = await h.startWorker({ workerHttpPort: 0 });
        const port = worker.httpPort!;
        const jobId = await h.submit({
          commands: [NTP],
          strategy: { concurrency: 8, stop_on_error: false },
        });
        // A job with failed devices ends `failed`; every device still has its result.
        expect(await h.waitForEnd(jobId)).toBe('failed');
        expect(await stateCounts(h, jobId)).toEqual({ succeeded: 22, failed: 2 });
        const codes = [...(await h.reader.results(jobId)).values()]
          .map((r) => (r as { code?: string }).code)
          .filter((c): c is string => c !== undefined);
        expect(codes).toHaveLength(2);

        const metrics = await httpGet(port, '/metrics');
        expect(metrics.status).toBe(200);
        const body = metrics.text;
        const tasks = 'fleetpush_device_tasks_total';
        expect(metricValue(body, tasks, { outcome: 'succeeded', failure_code: 'none' })).toBe(22);
        expect(metricValue(body, tasks, { outcome: 'failed', failure_code: codes[0]! })).toBe(2);
        expect(metricValue(body, 'fleetpush_device_duration_seconds_count')).toBe(24);
        expect(metricValue(body, 'fleetpush_device_duration_seconds_bucket', { le: '+Inf' })).toBe(
          24,
        );
        expect(metricValue(body, 'fleetpush_ssh_logins_total')).toBeGreaterThanOrEqual(24);
        expect(metricValue(body, 'fleetpush_ssh_sessions_open')).toBe(0);
        expect(metricValue(body, 'fleetpush_queue_depth', { state: 'waiting' })).toBe(0);
        expect(metricValue(body, 'fleetpush_jobs', { state: 'running' })).toBe(0);
        expect(body).toContain('service="worker"');

        expect(await httpGet(port, '/healthz')).toEqual({ status: 200, text: '{"status":"ok"}' });
        const ready = await httpGet(port, '/readyz');
        expect(ready.status).toBe(200);
        expect(JSON.parse(ready.text)).toEqual({
          status: 'ready',
          checks: { redis: true, consuming: true },
        });
        expect((await httpGet(port, '/other')).status).toBe(404);
      }),
    ));

  it('/metrics shows a running job and its open sessions while it runs', () =>
    withRedis((ctx) =>
      withEngine(ctx, { devices: 4, platforms: ['cisco_ios'] }, async (h) => {
        for (const i of [1, 2, 3]) h.fleet.device(i).setFaults({ hangOnCommand: 'ntp server' });
        const worker = await h.startWorker({ workerHttpPort: 0 });
        const jobId = await h.submit({
          commands: [NTP],
          strategy: { concurrency: 3, stop_on_error: false },
          timeouts: { command_ms: 60_000, device_ms: 60_000 },
        });
        const body = await waitUntil(
          async () => {
            const text = (await httpGet(worker.httpPort!, '/metrics')).text;
            return metricValue(text, 'fleetpush_ssh_sessions_open') === 3 ? text : undefined;
          },
          { timeoutMs: 30_000, description: 'three sessions open' },
        );
        expect(metricValue(body, 'fleetpush_jobs', { state: 'running' })).toBe(1);
        expect(metricValue(body, 'fleetpush_queue_depth', { state: 'active' })).toBe(3);
        await h.coordinator.control(jobId, 'terminate', 'tester');
        await h.waitForEnd(jobId);
      }),
    ));

  it('/readyz turns 503 while Redis is stopped and 200 again once it is back', async () => {
    const server = await startPrivateRedis();
    const redis = new Redis(server.url, { maxRetriesPerRequest: null });
    redis.on('error', () => undefined);
    const h = await EngineHarness.start(redis, server.url, `fptest-ready-${Date.now()}`, {
      devices: 1,
      platforms: ['cisco_ios'],
    });
    try {
      const worker = await h.startWorker({ workerHttpPort: 0 });
      expect(await readyz(worker.httpPort!)).toEqual({
        status: 200,
        body: { status: 'ready', checks: { redis: true, consuming: true } },
      });
      await server.stop();
      const down = await readyzBecomes(worker.httpPort!, 503);
      expect(down.body).toMatchObject({ status: 'not_ready', checks: { redis: false } });
      expect((await httpGet(worker.httpPort!, '/healthz')).status).toBe(200);
      await server.restart();
      await readyzBecomes(worker.httpPort!, 200, 30_000);
    } finally {
      await h.close();
      redis.disconnect();
      await server.close();
    }
  });
});
