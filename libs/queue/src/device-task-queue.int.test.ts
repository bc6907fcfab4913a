import type { DeviceTaskPayload } from '@fleetpush/contracts';
import { waitUntil, withRedis } from '@fleetpush/testing';
import { Redis } from 'ioredis';
import { DeviceTaskQueue } from './device-task-queue';
import { createDeviceTaskWorker } from './device-task-worker';

const task = (deviceIndex: number, generation = 0): DeviceTaskPayload => ({
  jobId: 'job-1',
  runId: 'run-1',
  deviceIndex,
  generation,
});

describe('DeviceTaskQueue and its worker', () => {
  it('delivers each task once to a processor, and a re-added id is a no-op', async () => {
    await withRedis(async ({ redis, url, prefix }) => {
      const queue = new DeviceTaskQueue(redis, prefix);
      const seen: number[] = [];
      const workerConnection = new Redis(url, { maxRetriesPerRequest: null });
      const worker = createDeviceTaskWorker({
        connection: workerConnection,
        prefix,
        concurrency: 5,
        processor: async (payload) => {
          seen.push(payload.deviceIndex);
        },
      });
      try {
        await queue.enqueue([task(0), task(1), task(2)]);
        await queue.enqueue([task(1)]);
        await waitUntil(() => seen.length >= 3, { description: 'three tasks processed' });
        await waitUntil(async () => (await queue.presence(task(2))) === 'completed');
        expect(seen.sort()).toEqual([0, 1, 2]);
        expect(await queue.presence(task(2, 1))).toBe('missing');
      } finally {
        await worker.close();
        await queue.close();
        workerConnection.disconnect();
      }
    });
  });

  it('holds delayed tasks and reports queue depth', async () => {
    await withRedis(async ({ redis, prefix }) => {
      const queue = new DeviceTaskQueue(redis, prefix);
      try {
        await queue.enqueue([task(0)], { delayMs: 60_000 });
        await queue.enqueue([task(1), task(2)]);
        expect(await queue.depth()).toEqual({ waiting: 2, delayed: 1, active: 0 });
        expect(await queue.presence(task(0))).toBe('pending');
      } finally {
        await queue.close();
      }
    });
  });

  it('refuses a payload that does not parse', async () => {
    await withRedis(async ({ redis, url, prefix }) => {
      const queue = new DeviceTaskQueue(redis, prefix);
      const workerConnection = new Redis(url, { maxRetriesPerRequest: null });
      let called = false;
      const worker = createDeviceTaskWorker({
        connection: workerConnection,
        prefix,
        concurrency: 1,
        processor: async () => {
          called = true;
        },
      });
      const bogus = { jobId: 'job-1', runId: 'run-x', deviceIndex: -1, generation: 0 };
      try {
        await queue.enqueue([bogus]);
        await waitUntil(async () => (await queue.presence(bogus)) === 'failed');
        expect(called).toBe(false);
      } finally {
        await worker.close();
        await queue.close();
        workerConnection.disconnect();
      }
    });
  });
});
