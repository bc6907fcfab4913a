import type { Redis } from 'ioredis';
import { AuditLog } from '../audit/audit-log';
import { redisKeys } from '../redis-keys';

/**
 * Trust-on-first-use host keys, shared by every worker: device key → fingerprint. Recording
 * is first-writer-wins (HSETNX), so two workers meeting a new device at once cannot record
 * two different keys. Enrollments are appended to the audit log (`GET /audit`).
 */
export class RedisHostKeyStore {
  private readonly audit: AuditLog;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {
    this.audit = new AuditLog(redis, redisKeys(prefix));
  }

  /** The recorded fingerprint of a device, if any. */
  async get(deviceKey: string): Promise<string | undefined> {
    return (await this.redis.hget(`${this.prefix}:hostkeys`, deviceKey)) ?? undefined;
  }

  /** Records a first-seen fingerprint (no-op when one is already recorded). */
  async set(deviceKey: string, fingerprint: string): Promise<void> {
    const added = await this.redis.hsetnx(`${this.prefix}:hostkeys`, deviceKey, fingerprint);
    if (added === 1) {
      await this.audit.append({
        actor: 'worker',
        action: 'host_key:enrolled',
        target: deviceKey,
        details: { fingerprint },
      });
    }
  }
}
