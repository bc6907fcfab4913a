import type { Redis } from 'ioredis';

/** The forms a leaked secret could take: raw, URL-encoded, base64 (both alphabets, unpadded). */
export function leakForms(value: string): string[] {
  const b64 = Buffer.from(value).toString('base64').replace(/=+$/, '');
  return [value, encodeURIComponent(value), b64, b64.replace(/\+/g, '-').replace(/\//g, '_')];
}

/** The secrets (any form of {@link leakForms}) that occur in `haystack`. */
export function leakedSecrets(haystack: string, secrets: readonly string[]): string[] {
  return secrets.filter((s) => leakForms(s).some((form) => haystack.includes(form)));
}

/**
 * Every key under `prefix` with its whole value, as text (strings, hashes, lists, sets, sorted
 * sets and streams), for a search of everything fleetpush left in Redis.
 */
export async function dumpRedisPrefix(redis: Redis, prefix: string): Promise<string> {
  const parts: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    for (const key of keys) parts.push(key, JSON.stringify(await valueOf(redis, key)));
  } while (cursor !== '0');
  return parts.join('\n');
}

async function valueOf(redis: Redis, key: string): Promise<unknown> {
  switch (await redis.type(key)) {
    case 'string':
      return redis.get(key);
    case 'hash':
      return redis.hgetall(key);
    case 'list':
      return redis.lrange(key, 0, -1);
    case 'set':
      return redis.smembers(key);
    case 'zset':
      return redis.zrange(key, 0, -1, 'WITHSCORES');
    case 'stream':
      return redis.xrange(key, '-', '+');
    default:
      return null;
  }
}
