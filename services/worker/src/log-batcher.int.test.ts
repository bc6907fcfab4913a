import { EventLog, redisKeys } from '@fleetpush/store';
import { withRedis } from '@fleetpush/testing';
import { LogBatcher } from './log-batcher';

describe('LogBatcher', () => {
  it('hands over only the lines not yet appended, after the batches on their way are in', async () => {
    await withRedis(async ({ redis, prefix }) => {
      const events = new EventLog(redis, redisKeys(prefix));
      // an interval no wait here reaches: the lines leave by flush and drain only (with 5 ms, a
      // slow first append let the timer send 'hostname R1' before drain could take it)
      const logs = new LogBatcher(events, 'job-1', '10.0.0.1:22', { intervalMs: 60_000 });
      logs.push('R1#terminal length 0');
      logs.push('R1#show running-config');
      logs.flush();
      logs.push('hostname R1');
      const handed = await logs.drain();
      // the flushed batch is stored before drain returns: a caller's own append comes after it
      const stored = (await events.read('job-1')).events;
      expect(stored.map((e) => (e.type === 'log' ? e.lines : []))).toEqual([
        ['R1#terminal length 0', 'R1#show running-config'],
      ]);
      expect(handed).toEqual([
        {
          type: 'log',
          jobId: 'job-1',
          deviceKey: '10.0.0.1:22',
          level: 'info',
          lines: ['hostname R1'],
        },
      ]);
      // nothing is left to append: the handed-over lines are the caller's now
      await logs.close();
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect((await events.read('job-1')).events).toHaveLength(1);
      expect(await logs.drain()).toEqual([]);
    });
  });

  it('appends a batch on its own when no journal step takes it within the interval', async () => {
    await withRedis(async ({ redis, prefix }) => {
      const events = new EventLog(redis, redisKeys(prefix));
      const logs = new LogBatcher(events, 'job-1', '10.0.0.1:22', { intervalMs: 5 });
      logs.push('R1(config)#ntp server 10.9.9.9');
      await new Promise((resolve) => setTimeout(resolve, 50));
      await logs.close();
      const stored = (await events.read('job-1')).events;
      expect(stored).toMatchObject([{ type: 'log', lines: ['R1(config)#ntp server 10.9.9.9'] }]);
      expect(await logs.drain()).toEqual([]);
    });
  });
});
