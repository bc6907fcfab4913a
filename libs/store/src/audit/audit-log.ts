import {
  auditEntrySchema,
  type AuditAction,
  type AuditEntry,
  type NewAuditEntry,
} from '@fleetpush/contracts';
import type { Redis } from 'ioredis';
import type { RedisKeys } from '../redis-keys';

/** Filters of {@link AuditLog.list}. */
export interface AuditQuery {
  /** Only entries at or after this time. */
  readonly since?: Date;
  /** Only entries older than this entry id (the `next` cursor of the previous page). */
  readonly before?: string;
  readonly action?: AuditAction;
  /** Only entries whose actor contains this text (case-insensitive). */
  readonly actor?: string;
  readonly limit: number;
}

/** A page of audit entries, newest first; `next` is the `before` cursor of the next page. */
export interface AuditPage {
  readonly items: AuditEntry[];
  readonly next: string | null;
}

/** Options of {@link AuditLog}. */
export interface AuditLogOptions {
  /** Approximate cap of the stream: a year of a busy team's actions, a few tens of MB. */
  readonly maxLen?: number;
  readonly now?: () => Date;
}

const DEFAULT_MAX_LEN = 100_000;
/** Entries read per XREVRANGE while filtering: few round trips, small replies. */
const SCAN_BATCH = 500;

type StreamEntry = [id: string, fields: string[]];

function fieldsOf(flat: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) out[flat[i]!] = flat[i + 1]!;
  return out;
}

/**
 * Parses one stream entry: `entry` JSON, or the flat fields host-key enrollments were first
 * written with (`action`, `device`, `fingerprint`, `at`). Anything else is skipped.
 */
function parseEntry([id, flat]: StreamEntry): AuditEntry | undefined {
  const fields = fieldsOf(flat);
  const raw =
    fields.entry !== undefined
      ? (JSON.parse(fields.entry) as object)
      : {
          at: fields.at,
          actor: 'worker',
          action: fields.action,
          target: fields.device,
          details: { fingerprint: fields.fingerprint ?? null },
        };
  const parsed = auditEntrySchema.safeParse({ ...raw, id });
  return parsed.success ? parsed.data : undefined;
}

function matches(entry: AuditEntry, query: AuditQuery): boolean {
  if (query.action !== undefined && entry.action !== query.action) return false;
  if (query.actor === undefined) return true;
  return entry.actor.toLowerCase().includes(query.actor.toLowerCase());
}

/**
 * An entry before it has its stream id. Built once: zod compiles a schema on its first parse,
 * and `.omit()` in `append` made a new one (and compiled it) for every entry.
 */
const newEntrySchema = auditEntrySchema.omit({ id: true });

/**
 * The audit log: one capped Redis Stream under the key prefix (`keys.audit`). Every import,
 * submission, start, control action, exec, token, credential and preset change, and host-key
 * enrollment appends one entry. Entries never hold a secret: `details` are flat scalars chosen
 * by the caller (counts, names, states).
 */
export class AuditLog {
  private readonly maxLen: number;
  private readonly now: () => Date;

  constructor(
    private readonly redis: Redis,
    private readonly keys: Pick<RedisKeys, 'audit'>,
    options: AuditLogOptions = {},
  ) {
    this.maxLen = options.maxLen ?? DEFAULT_MAX_LEN;
    this.now = options.now ?? (() => new Date());
  }

  /** Appends one entry; returns it with its id. */
  async append(entry: NewAuditEntry): Promise<AuditEntry> {
    const body = { ...entry, at: entry.at ?? this.now().toISOString() };
    const checked = newEntrySchema.parse(body);
    const id = await this.redis.xadd(
      this.keys.audit,
      'MAXLEN',
      '~',
      this.maxLen,
      '*',
      'entry',
      JSON.stringify(checked),
    );
    return { ...checked, id: id ?? '' };
  }

  /** Entries newest first, filtered, one page at a time. */
  async list(query: AuditQuery): Promise<AuditPage> {
    const items: AuditEntry[] = [];
    const floor = query.since ? `${query.since.getTime()}-0` : '-';
    let ceiling = query.before !== undefined ? `(${query.before}` : '+';
    for (;;) {
      const batch = (await this.redis.xrevrange(
        this.keys.audit,
        ceiling,
        floor,
        'COUNT',
        SCAN_BATCH,
      )) as StreamEntry[];
      for (const raw of batch) {
        const entry = parseEntry(raw);
        if (!entry || !matches(entry, query)) continue;
        if (items.length === query.limit) return { items, next: items.at(-1)!.id };
        items.push(entry);
      }
      if (batch.length < SCAN_BATCH) return { items, next: null };
      ceiling = `(${batch.at(-1)![0]}`;
    }
  }
}
