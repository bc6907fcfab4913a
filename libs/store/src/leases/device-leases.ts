import type { Redis } from 'ioredis';
import { LuaScript } from '../coordinator/lua-script';

/**
 * Release/renew only when the caller still owns the lease (compare-and-delete / -expire).
 * KEYS[1] lease key; ARGV[1] owner; ARGV[2] ttl ms (renew only). Returns 1 when done.
 */
const RELEASE = new LuaScript(
  'lease-release',
  `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`,
);
const RENEW = new LuaScript(
  'lease-renew',
  `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`,
);

/** Who holds a device: `<jobId>|<deviceIndex>|<generation>|<workerId>` (the worker for operators). */
export function leaseOwner(
  jobId: string,
  deviceIndex: number,
  generation: number,
  workerId = '',
): string {
  return `${jobId}|${deviceIndex}|${generation}|${workerId}`;
}

/** The outcome of trying to take a device's lease. */
export type LeaseAttempt =
  { readonly acquired: true } | { readonly acquired: false; readonly heldBy: string };

/**
 * Per-device leases: a device is touched by at most one run at a time. A lease expires
 * unless renewed, so a crashed worker cannot hold a device forever; a later delivery of the
 * same device task (same job and device, any generation) takes its own stale lease over.
 */
export class DeviceLeases {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    /** How long a lease lasts without renewal; its holder renews well within it. */
    readonly ttlMs = 30_000,
  ) {}

  private key(deviceKey: string): string {
    return `${this.prefix}:lease:${deviceKey}`;
  }

  /** Takes the lease, or says who holds it. */
  async acquire(deviceKey: string, owner: string): Promise<LeaseAttempt> {
    const key = this.key(deviceKey);
    if ((await this.redis.set(key, owner, 'PX', this.ttlMs, 'NX')) === 'OK')
      return { acquired: true };
    const heldBy = await this.redis.get(key);
    if (heldBy !== null && sameTask(heldBy, owner)) {
      await this.redis.set(key, owner, 'PX', this.ttlMs);
      return { acquired: true };
    }
    if (heldBy === null) return this.acquire(deviceKey, owner);
    return { acquired: false, heldBy };
  }

  /** Who holds a device's lease now (`null` when free). */
  async holder(deviceKey: string): Promise<string | null> {
    return this.redis.get(this.key(deviceKey));
  }

  /** Extends the lease; false when it was lost (expired and taken by someone else). */
  async renew(deviceKey: string, owner: string): Promise<boolean> {
    return (await RENEW.run(this.redis, [this.key(deviceKey)], [owner, this.ttlMs])) === 1;
  }

  /** Gives the lease back if still held by `owner`. */
  async release(deviceKey: string, owner: string): Promise<void> {
    await RELEASE.run(this.redis, [this.key(deviceKey)], [owner]);
  }
}

function sameTask(a: string, b: string): boolean {
  return a.split('|').slice(0, 2).join('|') === b.split('|').slice(0, 2).join('|');
}
