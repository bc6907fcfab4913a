import type { NewFleetEvent } from '@fleetpush/contracts';
import { waitUntil, withRedis } from '@fleetpush/testing';
import { EVENTS_PER_DEVICE } from './append-events.lua';
import { EventLog, parseEventBatch } from './event-log';
import { redisKeys } from './redis-keys';

function logLine(text: string): NewFleetEvent {
  return { type: 'log', jobId: 'j', level: 'info', lines: [text] };
}

describe('EventLog', () => {
  it('numbers events 1, 2, 3… without gaps under concurrent appenders', async () => {
    await withRedis(async ({ redis, prefix }) => {
      const log = new EventLog(redis, redisKeys(prefix));
      const batches = await Promise.all(
        Array.from({ length: 20 }, (_, b) =>
          log.append(
            'job-1',
            Array.from({ length: 5 }, (_, i) => logLine(`${b}.${i}`)),
          ),
        ),
      );
      for (const batch of batches) {
        const seqs = batch.map((e) => e.seq);
        expect(seqs).toEqual(seqs.map((_, i) => seqs[0]! + i));
      }
      const page = await log.read('job-1', 0, 1000);
      expect(page.events.map((e) => e.seq)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
      expect(page.truncated).toBe(false);
      expect(await log.lastSeq('job-1')).toBe(100);
    });
  });

  it('reads exactly the events after `since`, and keeps jobs apart', async () => {
    await withRedis(async ({ redis, prefix }) => {
      const log = new EventLog(redis, redisKeys(prefix));
      await log.append('a', [logLine('1'), logLine('2'), logLine('3')]);
      await log.append('b', [logLine('other')]);
      const page = await log.read('a', 1);
      expect(page.events.map((e) => [e.seq, e.jobId])).toEqual([
        [2, 'a'],
        [3, 'a'],
      ]);
      expect((await log.read('a', 3)).events).toEqual([]);
    });
  });

  it("sizes a job's stream for its devices: a large job keeps its events past the configured cap", async () => {
    await withRedis(async ({ redis, prefix }) => {
      const keys = redisKeys(prefix);
      const log = new EventLog(redis, keys, { maxLen: 10 });
      await redis.hset(keys.job('big').run, 'total', 20); // 20 devices × 24 events kept
      for (let b = 0; b < 12; b += 1)
        await log.append(
          'big',
          Array.from({ length: 50 }, (_, i) => logLine(`${b}.${i}`)),
        );
      for (let b = 0; b < 12; b += 1)
        await log.append(
          'small',
          Array.from({ length: 50 }, (_, i) => logLine(`${b}.${i}`)),
        );
      const big = await redis.xlen(keys.jobEvents('big'));
      expect(big).toBeGreaterThanOrEqual(20 * EVENTS_PER_DEVICE);
      expect(big).toBeLessThan(600);
      // a job without devices gets the configured cap (trimmed by whole 100-entry nodes)
      expect(await redis.xlen(keys.jobEvents('small'))).toBeLessThanOrEqual(110);
    });
  });

  it('reports a gap when the cap trimmed events the reader has not seen', async () => {
    await withRedis(async ({ redis, prefix }) => {
      // MAXLEN ~ trims whole radix-tree nodes (100 entries by default), so write well past it.
      const log = new EventLog(redis, redisKeys(prefix), { maxLen: 10 });
      for (let i = 0; i < 30; i += 1) {
        await log.append(
          'j',
          Array.from({ length: 20 }, (_, k) => logLine(`${i}.${k}`)),
        );
      }
      const page = await log.read('j', 0, 10);
      expect(page.truncated).toBe(true);
      expect(page.events[0]!.seq).toBeGreaterThan(1);
    });
  });

  it('publishes each appended batch once, in order, for live fan-out', async () => {
    await withRedis(async ({ redis, prefix }) => {
      const keys = redisKeys(prefix);
      const subscriber = redis.duplicate();
      const received: number[] = [];
      subscriber.on('message', (_channel: string, message: string) => {
        received.push(...parseEventBatch(message).map((e) => e.seq));
      });
      await subscriber.subscribe(keys.eventsChannel);
      try {
        const log = new EventLog(redis, keys);
        await log.append('j', [logLine('a'), logLine('b')]);
        await log.append('j', [logLine('c')]);
        await waitUntil(() => received.length === 3, { description: 'three published events' });
        expect(received).toEqual([1, 2, 3]);
      } finally {
        subscriber.disconnect();
      }
    });
  });

  it('refuses to read an entry that is not a valid event', async () => {
    await withRedis(async ({ redis, prefix }) => {
      const keys = redisKeys(prefix);
      await redis.xadd(keys.jobEvents('j'), '0-1', 'e', '{"seq":1,"type":"bogus"}');
      await expect(new EventLog(redis, keys).read('j')).rejects.toThrow();
    });
  });
});
