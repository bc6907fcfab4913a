import type { FleetEvent } from '@fleetpush/contracts';
import type { GatewayMetrics, Logger } from '@fleetpush/runtime';
import { parseEventBatch } from '@fleetpush/store';
import type { Redis } from 'ioredis';

/** Receives a job's live events, coalesced, in sequence order. */
export interface FanoutListener {
  offer(events: readonly FleetEvent[]): void;
  /** Live events may have been missed (the subscriber reconnected): read the stream again. */
  resync(): void;
}

/** Listener key that receives every job's events (the dashboard summaries). */
export const ALL_JOBS = '*';

/** Options of {@link EventFanout}. */
export interface EventFanoutOptions {
  /** A connection the fan-out owns and puts in subscriber mode (closed by `close()`). */
  readonly subscriber: Redis;
  readonly channel: string;
  /**
   * How long live events are gathered before they are sent, so that a burst (a wave of device
   * results, a stream of log lines) reaches each client as one `job:events` batch. 0 = at once.
   */
  readonly coalesceMs: number;
  readonly logger: Logger;
  /** Measures each live event's lag (its append to its hand-over to the sockets). */
  readonly metrics?: GatewayMetrics;
}

/**
 * The gateway's one Redis subscriber on the events channel: parses each published batch,
 * gathers it per job for `coalesceMs`, and hands each job's batch to that job's listeners
 * (the followers of the sockets in its room) and to the `ALL_JOBS` listeners.
 */
export class EventFanout {
  private readonly listeners = new Map<string, Set<FanoutListener>>();
  private readonly pending = new Map<string, FleetEvent[]>();
  private timer: NodeJS.Timeout | undefined;
  private readyOnce = false;
  private closed = false;

  constructor(private readonly options: EventFanoutOptions) {}

  /** Subscribes; resolves once live events flow. */
  async start(): Promise<void> {
    const { subscriber, channel } = this.options;
    subscriber.on('message', (from: string, message: string) => {
      if (from === channel) this.onMessage(message);
    });
    // ioredis re-subscribes after a reconnect, but what was published meanwhile is lost: once
    // subscribed again (SUBSCRIBE is idempotent), every follower reads the stream again.
    subscriber.on('ready', () => {
      if (!this.readyOnce || this.closed) return;
      subscriber.subscribe(channel).then(
        () => this.resyncAll(),
        (error: unknown) => this.options.logger.warn({ err: error }, 'gateway: resubscribe failed'),
      );
    });
    subscriber.on('error', (error: unknown) =>
      this.options.logger.warn({ err: error }, 'gateway: events subscriber error'),
    );
    await subscriber.subscribe(channel);
    this.readyOnce = true;
  }

  /** Starts handing `jobId`'s live events (or every job's, with `ALL_JOBS`) to `listener`. */
  add(jobId: string, listener: FanoutListener): void {
    const set = this.listeners.get(jobId) ?? new Set<FanoutListener>();
    set.add(listener);
    this.listeners.set(jobId, set);
  }

  /** The events subscription is live (the subscriber connection is ready). */
  get subscribed(): boolean {
    return this.readyOnce && !this.closed && this.options.subscriber.status === 'ready';
  }

  /** Stops handing events to `listener`. */
  remove(jobId: string, listener: FanoutListener): void {
    const set = this.listeners.get(jobId);
    if (!set?.delete(listener) || set.size > 0) return;
    this.listeners.delete(jobId);
    this.pending.delete(jobId);
  }

  /** Stops listening and closes the subscriber connection. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
    this.listeners.clear();
    await this.options.subscriber.quit().catch(() => this.options.subscriber.disconnect());
  }

  private onMessage(message: string): void {
    if (this.closed || this.listeners.size === 0) return;
    let events: FleetEvent[];
    try {
      events = parseEventBatch(message);
    } catch (error) {
      // A follower that misses these notices the gap at the next batch and reads the stream.
      this.options.logger.error({ err: error }, 'gateway: unreadable event batch dropped');
      return;
    }
    for (const event of events) {
      if (!this.listeners.has(event.jobId) && !this.listeners.has(ALL_JOBS)) continue;
      const list = this.pending.get(event.jobId) ?? [];
      list.push(event);
      this.pending.set(event.jobId, list);
    }
    if (this.pending.size === 0) return;
    if (this.options.coalesceMs === 0) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.options.coalesceMs);
  }

  private flush(): void {
    this.timer = undefined;
    const batches = [...this.pending];
    this.pending.clear();
    for (const [jobId, events] of batches) {
      this.options.metrics?.eventsEmitted(events.map((event) => event.at));
      for (const listener of [
        ...(this.listeners.get(jobId) ?? []),
        ...(this.listeners.get(ALL_JOBS) ?? []),
      ]) {
        this.deliver(listener, events);
      }
    }
  }

  private deliver(listener: FanoutListener, events: readonly FleetEvent[]): void {
    try {
      listener.offer(events);
    } catch (error) {
      this.options.logger.error({ err: error }, 'gateway: listener failed on a batch');
    }
  }

  private resyncAll(): void {
    for (const set of this.listeners.values()) for (const listener of set) listener.resync();
  }
}
