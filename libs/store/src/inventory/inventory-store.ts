import { randomUUID } from 'node:crypto';
import {
  deviceReachabilitySchema,
  reachabilityState,
  storedDeviceSchema,
  type DeviceReachability,
  type NewDevice,
  type ReachabilityState,
  type StoredDevice,
} from '@fleetpush/contracts';
import { deviceKey, parseDeviceKey, type Platform } from '@fleetpush/domain';
import type { Redis } from 'ioredis';
import type { InventoryKeys, RedisKeys } from '../redis-keys';
import { InventoryStoreError, InventoryStoreErrorCode } from './errors';
import { MERGE_DEVICES, READ_PAGE, RECORD_REACHABILITY, SWAP_INVENTORY } from './inventory-scripts';

/** Devices per pipelined write while staging: bounded commands, few round trips. */
const STAGING_BATCH = 1_000;
/**
 * A staged inventory that was never swapped in (the writer crashed) disappears after this;
 * an hour is far beyond the seconds a 100,000-device import takes to stage.
 */
const STAGING_TTL_SECONDS = 3_600;
/** Default page size of {@link InventoryStore.list}. */
const DEFAULT_LIMIT = 50;
/** Largest page: keeps one read's reply small and its HMGET within Lua's argument limits. */
export const MAX_INVENTORY_PAGE = 1_000;

/** Filters and page of {@link InventoryStore.list}. */
export interface InventoryQuery {
  /** Devices carrying this tag. */
  readonly tag?: string;
  readonly device_type?: Platform;
  readonly prod?: boolean;
  /** Case-insensitive substring of the key, name, a tag or a template variable's value. */
  readonly text?: string;
  /** Devices whose latest connection check ended so (`unchecked`: never checked). */
  readonly reachability?: ReachabilityState;
  /** Devices to skip, in import order (default 0). */
  readonly offset?: number;
  /** Page size, 1 to {@link MAX_INVENTORY_PAGE} (default 50). */
  readonly limit?: number;
}

/** A page of devices and how many match in all. */
export interface InventoryPage {
  readonly items: StoredDevice[];
  readonly total: number;
  /** The latest connection check of each item that has one, by device key. */
  readonly reachability: ReadonlyMap<string, DeviceReachability>;
}

/** One device's connection check to record ({@link InventoryStore.recordReachability}). */
export interface ReachabilityRecord {
  readonly key: string;
  readonly reachability: DeviceReachability;
}

/** What replacing the inventory did, by device key. */
export interface ReplaceOutcome {
  /** Devices the inventory did not have. */
  readonly created: number;
  /** Devices it had, now rewritten from the import. */
  readonly updated: number;
  /** Devices it had that the import lacks: deleted. */
  readonly removed: number;
}

/** Options of {@link InventoryStore}. */
export interface InventoryStoreOptions {
  /** Clock for `created_at` / `updated_at` (injectable for tests). */
  readonly now?: () => Date;
}

function parseStored(json: string, key: string): StoredDevice {
  try {
    return storedDeviceSchema.parse(JSON.parse(json));
  } catch (cause) {
    throw new InventoryStoreError(
      InventoryStoreErrorCode.corruptRecord,
      `the stored record of device ${key} is damaged`,
      { subject: key, cause },
    );
  }
}

function parseReachability(json: string, key: string): DeviceReachability {
  try {
    return deviceReachabilitySchema.parse(JSON.parse(json));
  } catch (cause) {
    throw new InventoryStoreError(
      InventoryStoreErrorCode.corruptRecord,
      `the stored connection check of device ${key} is damaged`,
      { subject: key, cause },
    );
  }
}

function parseReachabilities(
  keys: readonly string[],
  records: readonly (string | null | undefined)[] | Readonly<Record<string, string>>,
): Map<string, DeviceReachability> {
  const found = new Map<string, DeviceReachability>();
  keys.forEach((key, i) => {
    const json = Array.isArray(records)
      ? (records as (string | null | undefined)[])[i]
      : (records as Record<string, string>)[key];
    if (json !== null && json !== undefined) found.set(key, parseReachability(json, key));
  });
  return found;
}

function matches(
  device: StoredDevice,
  query: InventoryQuery,
  reachability: ReadonlyMap<string, DeviceReachability>,
): boolean {
  if (
    query.reachability !== undefined &&
    reachabilityState(reachability.get(device.key)) !== query.reachability
  ) {
    return false;
  }
  if (query.tag !== undefined && !device.tags.includes(query.tag)) return false;
  if (query.device_type !== undefined && device.device_type !== query.device_type) return false;
  if (query.prod !== undefined && device.prod !== query.prod) return false;
  if (query.text === undefined || query.text === '') return true;
  const needle = query.text.toLowerCase();
  const haystack = [device.key, device.name ?? '', ...device.tags, ...Object.values(device.vars)];
  return haystack.some((s) => s.toLowerCase().includes(needle));
}

function assertUniqueKeys(devices: readonly NewDevice[]): void {
  const seen = new Set<string>();
  for (const device of devices) {
    if (seen.has(device.key)) {
      throw new InventoryStoreError(
        InventoryStoreErrorCode.duplicateDevice,
        `device ${device.key} appears twice in one write`,
        { subject: device.key },
      );
    }
    seen.add(device.key);
  }
}

/**
 * The device inventory in Redis: a hash of `StoredDevice` JSON by device key and a sorted set
 * of keys by import position. Every write is atomic for readers, and every read is a
 * consistent snapshot (one MULTI or one script), so a reader never sees half an import.
 */
export class InventoryStore {
  private readonly keys: InventoryKeys;
  private readonly now: () => Date;

  constructor(
    private readonly redis: Redis,
    keys: Pick<RedisKeys, 'inventory'>,
    options: InventoryStoreOptions = {},
  ) {
    this.keys = keys.inventory;
    this.now = options.now ?? (() => new Date());
  }

  /**
   * Replaces the whole inventory, in the given order. The new devices are staged under fresh
   * keys (invisible), then renamed over the live ones in one script: readers see the old
   * inventory or the new one, never a mix. Every device gets `created_at` = now. Resolves with
   * what the swap did: devices new by key, devices kept (rewritten), devices removed.
   */
  async replaceAll(devices: readonly NewDevice[]): Promise<ReplaceOutcome> {
    assertUniqueKeys(devices);
    const staging = this.keys.staging(randomUUID());
    const at = this.now().toISOString();
    for (let start = 0; start < devices.length; start += STAGING_BATCH) {
      const batch = devices.slice(start, start + STAGING_BATCH);
      const pipeline = this.redis.pipeline();
      pipeline.hset(
        staging.devices,
        ...batch.flatMap((d) => [d.key, JSON.stringify({ ...d, created_at: at, updated_at: at })]),
      );
      pipeline.zadd(staging.order, ...batch.flatMap((d, i) => [start + i, d.key]));
      pipeline.expire(staging.devices, STAGING_TTL_SECONDS);
      pipeline.expire(staging.order, STAGING_TTL_SECONDS);
      await this.execPipeline(pipeline);
    }
    return this.swap(staging, devices.length);
  }

  private async swap(
    staging: { devices: string; order: string },
    count: number,
  ): Promise<ReplaceOutcome> {
    const { devices, order, reachability } = this.keys;
    try {
      const [created = 0, updated = 0, removed = 0] = (await SWAP_INVENTORY.run(
        this.redis,
        [devices, order, staging.devices, staging.order, reachability],
        [count],
      )) as number[];
      return { created, updated, removed };
    } catch (cause) {
      if (!(cause instanceof Error) || !cause.message.startsWith('STAGING_LOST')) throw cause;
      throw new InventoryStoreError(
        InventoryStoreErrorCode.stagingLost,
        'the staged inventory expired before it could be swapped in; nothing was changed',
        { cause },
      );
    }
  }

  private async execPipeline(pipeline: ReturnType<Redis['pipeline']>): Promise<void> {
    const replies = (await pipeline.exec()) ?? [];
    const failed = replies.find(([error]) => error !== null);
    if (failed?.[0]) throw failed[0];
  }

  /**
   * Inserts new devices (appended in the given order) and updates existing ones by key, which
   * keep their `created_at` and position; atomically, in one script.
   */
  async merge(devices: readonly NewDevice[]): Promise<{ created: number; updated: number }> {
    assertUniqueKeys(devices);
    if (devices.length === 0) return { created: 0, updated: 0 };
    const at = this.now().toISOString();
    const args = devices.flatMap((d) => [d.key, JSON.stringify({ ...d, updated_at: at })]);
    const created = Number(
      await MERGE_DEVICES.run(this.redis, [this.keys.devices, this.keys.order], [at, ...args]),
    );
    return { created, updated: devices.length - created };
  }

  /** One device by key (any spelling `deviceKey` normalises: `R1:22`, `[2001:DB8::1]:22`). */
  async get(key: string): Promise<StoredDevice | undefined> {
    const normal = normaliseKey(key);
    if (normal === undefined) return undefined;
    const json = await this.redis.hget(this.keys.devices, normal);
    return json === null ? undefined : parseStored(json, normal);
  }

  /**
   * Records connection checks (each replaces the device's previous one), atomically per
   * batch; a device no longer in the inventory gets none. Resolves with the number recorded.
   */
  async recordReachability(records: readonly ReachabilityRecord[]): Promise<number> {
    let recorded = 0;
    for (let start = 0; start < records.length; start += STAGING_BATCH) {
      const batch = records.slice(start, start + STAGING_BATCH);
      const args = batch.flatMap((r) => [
        r.key,
        JSON.stringify(deviceReachabilitySchema.parse(r.reachability)),
      ]);
      recorded += Number(
        await RECORD_REACHABILITY.run(
          this.redis,
          [this.keys.devices, this.keys.reachability],
          args,
        ),
      );
    }
    return recorded;
  }

  /** A device's latest connection check; `null` when never checked (or no such device). */
  async reachability(key: string): Promise<DeviceReachability | null> {
    const normal = normaliseKey(key);
    if (normal === undefined) return null;
    const json = await this.redis.hget(this.keys.reachability, normal);
    return json === null ? null : parseReachability(json, normal);
  }

  /** Deletes a device (and its connection check); false when there was none. */
  async delete(key: string): Promise<boolean> {
    const normal = normaliseKey(key);
    if (normal === undefined) return false;
    const replies = await this.redis
      .multi()
      .hdel(this.keys.devices, normal)
      .zrem(this.keys.order, normal)
      .hdel(this.keys.reachability, normal)
      .exec();
    return replies?.[0]?.[1] === 1;
  }

  /** Number of devices. */
  async count(): Promise<number> {
    return this.redis.zcard(this.keys.order);
  }

  /** Every device in import order, one consistent snapshot (for job planning). */
  async all(): Promise<StoredDevice[]> {
    const replies = await this.redis
      .multi()
      .zrange(this.keys.order, 0, -1)
      .hgetall(this.keys.devices)
      .exec();
    const order = (replies?.[0]?.[1] ?? []) as string[];
    const records = (replies?.[1]?.[1] ?? {}) as Record<string, string>;
    return order.flatMap((key) => {
      const json = records[key];
      return json === undefined ? [] : [parseStored(json, key)];
    });
  }

  /**
   * Devices matching the filters, a page of them in import order, and how many match in all.
   * Without filters only the page is read; with filters the inventory is read once and
   * filtered here (a 10,000-device inventory is a few megabytes).
   */
  async list(query: InventoryQuery = {}): Promise<InventoryPage> {
    const offset = Math.max(0, Math.trunc(query.offset ?? 0));
    const limit = Math.min(
      MAX_INVENTORY_PAGE,
      Math.max(1, Math.trunc(query.limit ?? DEFAULT_LIMIT)),
    );
    const filtered =
      query.tag !== undefined ||
      query.device_type !== undefined ||
      query.prod !== undefined ||
      query.reachability !== undefined ||
      (query.text !== undefined && query.text !== '');
    if (filtered) {
      const { devices, reachability } = await this.allWithReachability();
      const all = devices.filter((d) => matches(d, query, reachability));
      const items = all.slice(offset, offset + limit);
      const pageChecks = new Map(
        items.flatMap((d) => {
          const check = reachability.get(d.key);
          return check ? [[d.key, check] as const] : [];
        }),
      );
      return { items, total: all.length, reachability: pageChecks };
    }
    return this.page(offset, limit);
  }

  private async allWithReachability(): Promise<{
    devices: StoredDevice[];
    reachability: Map<string, DeviceReachability>;
  }> {
    const replies = await this.redis
      .multi()
      .zrange(this.keys.order, 0, -1)
      .hgetall(this.keys.devices)
      .hgetall(this.keys.reachability)
      .exec();
    const order = (replies?.[0]?.[1] ?? []) as string[];
    const records = (replies?.[1]?.[1] ?? {}) as Record<string, string>;
    const checks = (replies?.[2]?.[1] ?? {}) as Record<string, string>;
    const devices = order.flatMap((key) => {
      const json = records[key];
      return json === undefined ? [] : [parseStored(json, key)];
    });
    return { devices, reachability: parseReachabilities(order, checks) };
  }

  private async page(offset: number, limit: number): Promise<InventoryPage> {
    const { devices, order, reachability } = this.keys;
    const [total, pageKeys, records, checks] = (await READ_PAGE.run(
      this.redis,
      [devices, order, reachability],
      [offset, offset + limit - 1],
    )) as [number, string[], (string | null)[], (string | null)[]];
    const items = pageKeys.flatMap((key, i) => {
      const json = records[i];
      return json === null || json === undefined ? [] : [parseStored(json, key)];
    });
    return { items, total: Number(total), reachability: parseReachabilities(pageKeys, checks) };
  }
}

function normaliseKey(key: string): string | undefined {
  const parsed = parseDeviceKey(key);
  return parsed.ok ? deviceKey(parsed.value.host, parsed.value.port) : undefined;
}
