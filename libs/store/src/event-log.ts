import { fleetEventSchema, type FleetEvent, type NewFleetEvent } from '@fleetpush/contracts';
import type { Redis } from 'ioredis';
import { APPEND_EVENTS_LUA } from './append-events.lua';
import { LuaScript } from './coordinator/lua-script';
import type { RedisKeys } from './redis-keys';

/** Options of {@link EventLog}. */
export interface EventLogOptions {
  /**
   * Approximate cap of each job's stream. Sized for the largest job: a 10,000-device job
   * writes about 10 events per device (status changes, result, batched logs).
   */
  readonly maxLen?: number;
  /** Clock for event times (injectable for tests). */
  readonly now?: () => Date;
}

/** A page of events read from a job's stream. */
export interface EventPage {
  readonly events: FleetEvent[];
  /** True when events after `since` were already trimmed by the cap (the reader has a gap). */
  readonly truncated: boolean;
}

const DEFAULT_MAX_LEN = 200_000;

const APPEND_EVENTS = new LuaScript('append-events', APPEND_EVENTS_LUA);

/**
 * The durable, replayable per-job event log: a Redis Stream per job plus a pub/sub channel for
 * live fan-out. Appends are atomic and numbered; reads are validated at this edge.
 */
export class EventLog {
  private readonly maxLen: number;
  private readonly now: () => Date;

  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
    options: EventLogOptions = {},
  ) {
    this.maxLen = options.maxLen ?? DEFAULT_MAX_LEN;
    this.now = options.now ?? (() => new Date());
  }

  /** Appends events of one job in one atomic step; returns them with their `seq` and `at`. */
  async append(jobId: string, events: readonly NewFleetEvent[]): Promise<FleetEvent[]> {
    if (events.length === 0) return [];
    const at = this.now().toISOString();
    const stamped = events.map((e) => ({ ...e, jobId, at }));
    const bodies = stamped.map((e) => JSON.stringify(e));
    const k = this.keys.job(jobId);
    const first = (await APPEND_EVENTS.run(
      this.redis,
      [k.eventSeq, k.events, k.run],
      [this.maxLen, this.keys.eventsChannel, ...bodies],
    )) as number;
    return stamped.map((e, i) => ({ seq: first + i, ...e }) as FleetEvent);
  }

  /**
   * Reads up to `limit` events with `seq > since`, in order. The page and the job's latest seq
   * are read in one MULTI, so an append racing the read cannot look like a trimmed stream.
   */
  async read(jobId: string, since = 0, limit = 1000): Promise<EventPage> {
    const results = await this.redis
      .multi()
      .xrange(this.keys.jobEvents(jobId), `(0-${since}`, '+', 'COUNT', limit)
      .get(this.keys.jobEventSeq(jobId))
      .exec();
    const [rangeError, entries] = results?.[0] ?? [new Error('no reply')];
    if (rangeError) throw rangeError;
    const events = (entries as Array<[string, string[]]>).map(([, fields]) => parseEntry(fields));
    const lastSeq = Number(results?.[1]?.[1] ?? 0);
    const firstSeq = events[0]?.seq;
    const truncated = firstSeq !== undefined ? firstSeq > since + 1 : lastSeq > since;
    return { events, truncated };
  }

  /** The sequence number of the job's latest event (0 when none). */
  async lastSeq(jobId: string): Promise<number> {
    return Number((await this.redis.get(this.keys.jobEventSeq(jobId))) ?? 0);
  }
}

function parseEntry(fields: string[]): FleetEvent {
  const body = fields[fields.indexOf('e') + 1];
  return fleetEventSchema.parse(JSON.parse(body ?? 'null'));
}

/** Parses a batch published on the events channel (validated: it crosses a process). */
export function parseEventBatch(message: string): FleetEvent[] {
  const raw: unknown = JSON.parse(message);
  if (!Array.isArray(raw)) throw new Error('event batch is not an array');
  return raw.map((e) => fleetEventSchema.parse(e));
}
