import { Redis } from 'ioredis';
import { startPrivateRedis } from './private-redis';
import { withRedis } from './with-redis';

describe('startPrivateRedis', () => {
  it('keeps AOF data across a restart on the same port', async () => {
    const server = await startPrivateRedis({ appendOnly: true });
    try {
      const client = new Redis(server.url, { lazyConnect: true });
      await client.connect();
      await client.set('k', 'v');
      await client.call('BGREWRITEAOF');
      client.disconnect();
      await server.stop();
      await server.restart();
      const again = new Redis(server.url, { lazyConnect: true });
      await again.connect();
      expect(await again.get('k')).toBe('v');
      again.disconnect();
    } finally {
      await server.close();
    }
  });
});

describe('withRedis', () => {
  it('gives a unique prefix and removes its keys afterwards', async () => {
    let seen = '';
    await withRedis(async ({ redis, prefix }) => {
      seen = prefix;
      await redis.set(`${prefix}:a`, '1');
      await redis.set(`${prefix}:b`, '2');
    });
    await withRedis(async ({ redis, prefix }) => {
      expect(prefix).not.toBe(seen);
      expect(await redis.exists(`${seen}:a`, `${seen}:b`)).toBe(0);
    });
  });
});
