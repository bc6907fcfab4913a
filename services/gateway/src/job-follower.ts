import type { FleetEvent } from '@fleetpush/contracts';
import type { EventPage } from '@fleetpush/store';

/** Where a follower reads a job's past events (the store's `EventLog`). */
export interface EventSource {
  read(jobId: string, since: number, limit: number): Promise<EventPage>;
}

/** Options of {@link JobFollower}. */
export interface JobFollowerOptions {
  readonly jobId: string;
  /** The last sequence number the client already has (0 = none). */
  readonly since: number;
  readonly source: EventSource;
  /** Sends events to the client; called with contiguous, increasing sequence numbers. */
  readonly send: (events: FleetEvent[]) => void;
  /** Events per stream read while catching up. */
  readonly pageSize: number;
  /** Called when a catch-up read failed (the follower retries on the next live batch). */
  readonly onError: (error: unknown) => void;
}

/** What the initial replay did. */
export interface ReplayOutcome {
  readonly replayed: number;
  /** The stream had been trimmed past `since`: some events are gone for good. */
  readonly truncated: boolean;
}

/**
 * One client watching one job: sends every event after `since` exactly once, in sequence
 * order, first from the job's stream, then live.
 *
 * The follower must receive live batches (`offer`) from before its first stream read: every
 * event is either already in the stream when a read runs, or published after it and so
 * offered later. While a read is in flight, live batches are buffered; afterwards whatever is
 * still new is sent. Anything at or below the last sent seq is dropped (no duplicate), and a
 * batch that does not continue it (a lost pub/sub message) triggers a read (no gap).
 */
export class JobFollower {
  private lastSent: number;
  /** Live events held while the stream is being read; `null` when following live. */
  private buffered: FleetEvent[] | null = null;
  private closed = false;

  constructor(private readonly options: JobFollowerOptions) {
    this.lastSent = options.since;
  }

  /** The sequence number of the last event sent (or `since` when none was). */
  get lastSeq(): number {
    return this.lastSent;
  }

  /** Sends the stream's events after `since`, then the live ones that came meanwhile. */
  replay(): Promise<ReplayOutcome> {
    return this.catchUp();
  }

  /** A live batch of this job's events, in sequence order. */
  offer(events: readonly FleetEvent[]): void {
    if (this.closed) return;
    if (this.buffered) {
      this.buffered.push(...events);
      return;
    }
    const fresh = this.sendContiguous(events);
    if (fresh < events.length) this.resync();
  }

  /** Reads the stream again from the last sent seq (after a gap or a lost subscription). */
  resync(): void {
    if (this.closed || this.buffered) return;
    this.catchUp().catch((error: unknown) => {
      this.buffered = null;
      this.options.onError(error);
    });
  }

  /** Stops sending; an in-flight read is discarded. */
  close(): void {
    this.closed = true;
    this.buffered = null;
  }

  private async catchUp(): Promise<ReplayOutcome> {
    const { jobId, source, pageSize } = this.options;
    this.buffered = [];
    let replayed = 0;
    let truncated = false;
    let afterGap = false;
    for (;;) {
      const since = this.lastSent;
      const page = await source.read(jobId, since, pageSize);
      if (this.closed) break;
      // Judged from the events, not `page.truncated`: for an empty page that flag compares with
      // the seq counter read later, and an append in between would look like a trimmed stream.
      truncated ||= (page.events[0]?.seq ?? since + 1) > since + 1;
      replayed += this.sendNewer(page.events);
      if (page.events.length >= pageSize) continue;
      const held: FleetEvent[] = (this.buffered ?? []).filter((e) => e.seq > this.lastSent);
      if (this.sendContiguous(held) === held.length) break;
      // Held live events start past a hole. A read issued now sees them in the stream (they
      // are appended before being published), hole included, unless the stream is gone.
      if (afterGap && page.events.length === 0) {
        truncated = true;
        this.sendNewer(held);
        break;
      }
      afterGap = true;
      this.buffered = held;
    }
    this.buffered = null;
    return { replayed, truncated };
  }

  /** Sends the leading run of `events` that continues the last sent seq; returns how many were consumed. */
  private sendContiguous(events: readonly FleetEvent[]): number {
    let consumed = 0;
    const run: FleetEvent[] = [];
    for (const event of events) {
      const expected = this.lastSent + run.length + 1;
      if (event.seq < expected) consumed += 1;
      else if (event.seq === expected) {
        run.push(event);
        consumed += 1;
      } else break;
    }
    this.emit(run);
    return consumed;
  }

  /** Sends events newer than the last sent seq, accepting a jump (the stream's own order). */
  private sendNewer(events: readonly FleetEvent[]): number {
    const newer = events.filter((e) => e.seq > this.lastSent);
    this.emit(newer);
    return newer.length;
  }

  private emit(events: FleetEvent[]): void {
    const last = events.at(-1);
    if (!last) return;
    this.lastSent = last.seq;
    this.options.send(events);
  }
}
