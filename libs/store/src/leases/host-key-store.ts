import type { Redis } from 'ioredis';

/**
 * Trust-on-first-use host keys, shared by every worker: device key → fingerprint. Recording
 * is first-writer-wins (HSETNX), so two workers meeting a new device at once cannot record
 * two different keys. Enrollments are appended to an audit stream.
 */
export class RedisHostKeyStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  /** The recorded fingerprint of a device, if any. */
  async get(deviceKey: string): Promise<string | undefined> {
    return (await this.redis.hget(`${this.prefix}:hostkeys`, deviceKey)) ?? undefined;
  }

  /** Records a first-seen fingerprint (no-op when one is already recorded). */
  async set(deviceKey: string, fingerprint: string): Promise<void> {
    const added = await this.redis.hsetnx(`${this.prefix}:hostkeys`, deviceKey, fingerprint);
    if (added === 1) {
      await this.redis.xadd(
        `${this.prefix}:audit`,
        'MAXLEN',
        '~',
        100_000,
        '*',
        'action',
        'host_key:enrolled',
        'device',
        deviceKey,
        'fingerprint',
        fingerprint,
        'at',
        new Date().toISOString(),
      );
    }
  }
}
