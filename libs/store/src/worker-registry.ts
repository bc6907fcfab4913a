import type { Redis } from 'ioredis';
import type { RedisKeys } from './redis-keys';

/** What a live worker says about itself. */
export interface WorkerInfo {
  readonly id: string;
  readonly pid: number;
  readonly host: string;
  readonly concurrency: number;
  readonly startedAt: string;
}

/** How long a heartbeat stays valid; workers beat three times within it. */
const HEARTBEAT_TTL_MS = 15_000;

/**
 * Live workers, by heartbeat: each worker refreshes its entry every few seconds; an entry that
 * is not refreshed expires. Readiness checks, dashboards and tests ask who is consuming.
 */
export class WorkerRegistry {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  /** Records (or refreshes) a worker's heartbeat. */
  async beat(info: WorkerInfo): Promise<void> {
    await this.redis.set(
      `${this.keys.prefix}:workers:${info.id}`,
      JSON.stringify(info),
      'PX',
      HEARTBEAT_TTL_MS,
    );
  }

  /** Removes a worker's entry (on a graceful stop). */
  async remove(id: string): Promise<void> {
    await this.redis.del(`${this.keys.prefix}:workers:${id}`);
  }

  /** The workers whose heartbeat is current. */
  async live(): Promise<WorkerInfo[]> {
    const found: WorkerInfo[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(
        cursor,
        'MATCH',
        `${this.keys.prefix}:workers:*`,
        'COUNT',
        500,
      );
      cursor = next;
      const values = keys.length > 0 ? await this.redis.mget(...keys) : [];
      for (const value of values) if (value) found.push(JSON.parse(value) as WorkerInfo);
    } while (cursor !== '0');
    return found;
  }

  /** How often a worker should beat. */
  static readonly intervalMs = HEARTBEAT_TTL_MS / 3;
}
