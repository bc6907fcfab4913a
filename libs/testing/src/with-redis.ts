import { randomUUID } from 'node:crypto';
import { loadConfig, redisConfigSchema } from '@fleetpush/config';
import { Redis } from 'ioredis';

/** Where tests find Redis: `FLEETPUSH_REDIS_URL`, read through libs/config (default 127.0.0.1:6379). */
export function testRedisUrl(): string {
  return loadConfig(redisConfigSchema, process.env).redisUrl;
}

/** What {@link withRedis} hands to a test. */
export interface TestRedis {
  /** A connected client. */
  readonly redis: Redis;
  /** The Redis URL the client is connected to. */
  readonly url: string;
  /** A key prefix unique to this use, so parallel tests never see each other's keys. */
  readonly prefix: string;
}

/** Deletes every key that starts with `prefix` (SCAN, never KEYS). */
export async function deleteKeysWithPrefix(redis: Redis, prefix: string): Promise<number> {
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) deleted += await redis.del(...keys);
  } while (cursor !== '0');
  return deleted;
}

/**
 * Runs `fn` with a Redis client and a unique key prefix, then deletes the prefix's keys and
 * closes the client, whatever `fn` did.
 */
export async function withRedis<T>(
  fn: (ctx: TestRedis) => Promise<T>,
  url: string = testRedisUrl(),
): Promise<T> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2 });
  await redis.connect();
  const prefix = `fptest-${randomUUID().slice(0, 8)}`;
  try {
    return await fn({ redis, url, prefix });
  } finally {
    await deleteKeysWithPrefix(redis, prefix);
    await redis.quit();
  }
}
