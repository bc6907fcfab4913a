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

  /**
   * Reserves `key` for `jobId` and the submission's `fingerprint`; when the key was taken,
   * returns what it names instead (the first job, and the fingerprint of its submission).
   */
  async reserve(
    principalId: string,
    key: string,
    reservation: IdempotentSubmission,
  ): Promise<IdempotentSubmission | null> {
    const redisKey = this.key(principalId, key);
    const value = `${reservation.jobId} ${reservation.fingerprint}`;
    const set = await this.redis.set(redisKey, value, 'EX', IDEMPOTENCY_TTL_SECONDS, 'NX');
    if (set === 'OK') return null;
    const [jobId = '', fingerprint = ''] = ((await this.redis.get(redisKey)) ?? '').split(' ');
    return { jobId, fingerprint };
  }

  /** Frees a reservation whose submission was refused, so that a corrected retry can use it. */
  async release(
    principalId: string,
    key: string,
    reservation: IdempotentSubmission,
  ): Promise<void> {
    const redisKey = this.key(principalId, key);
    const value = `${reservation.jobId} ${reservation.fingerprint}`;
    if ((await this.redis.get(redisKey)) === value) await this.redis.del(redisKey);
  }
}

/** The job a key names and the fingerprint of the submission that created it. */
export interface IdempotentSubmission {
  readonly jobId: string;
  readonly fingerprint: string;
}

/** SHA-256 of a validated submission: a retry must send the same submission. */
export function submissionFingerprint(submission: unknown): string {
  return createHash('sha256').update(JSON.stringify(submission)).digest('hex');
}
