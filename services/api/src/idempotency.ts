import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { z } from 'zod';

/**
 * How long a submission's Idempotency-Key is remembered: a day covers any client's retry
 * loop (and a CI pipeline re-run the same day), without keeping keys forever.
 */
const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;

/** An `Idempotency-Key` header value: printable, bounded (it is hashed, never stored clear). */
export const idempotencyKeySchema = z
  .string()
  .regex(/^[\x21-\x7e]{1,200}$/, 'must be 1-200 printable ASCII characters');

/**
 * Remembers which job a submission's `Idempotency-Key` created, per principal (two callers'
 * keys never collide). The key is reserved before the job is stored, so two concurrent retries
 * cannot both create a job.
 */
export class IdempotencyKeys {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(principalId: string, key: string): string {
    const digest = createHash('sha256').update(`${principalId}\n${key}`).digest('hex');
    return `${this.prefix}:idempotency:${digest}`;
  }

  /** Reserves `key` for `jobId`; returns the job id it already names when it was taken. */
  async reserve(principalId: string, key: string, jobId: string): Promise<string | null> {
    const redisKey = this.key(principalId, key);
    const set = await this.redis.set(redisKey, jobId, 'EX', IDEMPOTENCY_TTL_SECONDS, 'NX');
    return set === 'OK' ? null : ((await this.redis.get(redisKey)) ?? null);
  }

  /** Frees a reservation whose submission was refused, so that a corrected retry can use it. */
  async release(principalId: string, key: string, jobId: string): Promise<void> {
    const redisKey = this.key(principalId, key);
    if ((await this.redis.get(redisKey)) === jobId) await this.redis.del(redisKey);
  }
}
