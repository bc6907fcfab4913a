import type { FleetEvent, JobSummaryEvent } from '@fleetpush/contracts';
import type { Logger } from '@fleetpush/runtime';
import type { RedisKeys } from '@fleetpush/store';
import type { Redis } from 'ioredis';
import type { FanoutListener } from './event-fanout';

/** Device-task states a device ends in; every other device counts as `pending` in a summary. */
const FINISHED = ['succeeded', 'failed', 'skipped', 'aborted'] as const;
type Finished = (typeof FINISHED)[number];

/** A job's dashboard line as the gateway keeps it up to date. */
interface Tracked {
  name: string;
  status: string;
  targets: number;
  finished: Record<Finished, number>;
  /** The last event applied: events at or below it are already counted. */
  seq: number;
  at: string;
  /** Events received while the snapshot was being read. */
  held: FleetEvent[] | null;
  dirty: boolean;
}

/** Options of {@link JobSummaries}. */
export interface JobSummariesOptions {
  readonly redis: Redis;
  readonly keys: RedisKeys;
  /** Sends a summary to every dashboard socket of this gateway. */
  readonly publish: (summary: JobSummaryEvent) => void;
  /** Summaries of one job are sent at most this often: a 10,000-device wave is one line a tick. */
  readonly intervalMs: number;
  readonly logger: Logger;
}

/**
 * The `jobs` dashboard channel, derived from `job:created`, `job:status`, `job:finished` and
 * `device:result` events. A job first seen mid-way is seeded from Redis once (record, device
 * states and the event seq, read atomically), then kept current from events alone.
 */
export class JobSummaries implements FanoutListener {
  private readonly jobs = new Map<string, Tracked>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: JobSummariesOptions) {}

  /** Applies a job's live events. */
  offer(events: readonly FleetEvent[]): void {
    const first = events[0];
    if (!first || !events.some(isSummaryEvent)) return;
    const tracked = this.jobs.get(first.jobId) ?? this.track(first);
    if (tracked.held) tracked.held.push(...events);
    else this.apply(tracked, events);
  }

  /** Live events may have been missed: forget every job, so each is seeded again when next seen. */
  resync(): void {
    this.clear();
  }

  /** The current summaries of `jobIds` (seeding those not yet tracked), for a new dashboard. */
  async snapshot(jobIds: readonly string[]): Promise<JobSummaryEvent[]> {
    for (const jobId of jobIds) if (!this.jobs.has(jobId)) this.track({ jobId, seq: 0 });
    await Promise.all(jobIds.map((jobId) => this.whenSeeded(jobId)));
    return jobIds.flatMap((jobId) => {
      const tracked = this.jobs.get(jobId);
      return tracked && !tracked.held ? [toSummary(jobId, tracked)] : [];
    });
  }

  /** Forgets every job and stops sending (no dashboard left on this gateway). */
  clear(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.jobs.clear();
    this.seeding.clear();
  }

  private readonly seeding = new Map<string, Promise<void>>();

  private whenSeeded(jobId: string): Promise<void> {
    return this.seeding.get(jobId) ?? Promise.resolve();
  }

  /** Starts tracking a job: from its creation event, or from a Redis snapshot. */
  private track(first: Pick<FleetEvent, 'jobId' | 'seq'> & Partial<FleetEvent>): Tracked {
    const tracked: Tracked = {
      name: '',
      status: 'queued',
      targets: 0,
      finished: { succeeded: 0, failed: 0, skipped: 0, aborted: 0 },
      seq: 0,
      at: new Date().toISOString(),
      held: first.seq === 1 && first.type === 'job:created' ? null : [],
      dirty: false,
    };
    this.jobs.set(first.jobId, tracked);
    if (tracked.held) this.seed(first.jobId, tracked);
    return tracked;
  }

  private seed(jobId: string, tracked: Tracked): void {
    const seeding = this.readSnapshot(jobId, tracked)
      .catch((error: unknown) => {
        this.options.logger.warn({ err: error, jobId }, 'gateway: job summary seed failed');
        this.jobs.delete(jobId);
      })
      .finally(() => this.seeding.delete(jobId));
    this.seeding.set(jobId, seeding);
  }

  private async readSnapshot(jobId: string, tracked: Tracked): Promise<void> {
    const k = this.options.keys.job(jobId);
    const replies = await this.options.redis
      .multi()
      .hmget(k.record, 'name', 'status', 'targets', 'updated_at')
      .hvals(k.deviceState)
      .get(k.eventSeq)
      .exec();
    const [record, states, seq] = (replies ?? []).map(([error, value]) => {
      if (error) throw error;
      return value;
    }) as [(string | null)[], string[], string | null];
    tracked.name = record[0] ?? '';
    tracked.status = record[1] ?? 'unknown';
    tracked.targets = Number(record[2] ?? states.length);
    tracked.at = record[3] ?? tracked.at;
    for (const state of states) if (isFinished(state)) tracked.finished[state] += 1;
    tracked.seq = Number(seq ?? 0);
    const held = tracked.held ?? [];
    tracked.held = null;
    tracked.dirty = true;
    this.apply(tracked, held);
  }

  private apply(tracked: Tracked, events: readonly FleetEvent[]): void {
    for (const event of events) {
      if (event.seq <= tracked.seq) continue;
      tracked.seq = event.seq;
      if (!isSummaryEvent(event)) continue;
      applyEvent(tracked, event);
      tracked.at = event.at;
      tracked.dirty = true;
    }
    if (tracked.dirty) this.timer ??= setTimeout(() => this.flush(), this.options.intervalMs);
  }

  private flush(): void {
    this.timer = undefined;
    for (const [jobId, tracked] of this.jobs) {
      if (!tracked.dirty || tracked.held) continue;
      tracked.dirty = false;
      this.options.publish(toSummary(jobId, tracked));
      if (isTerminal(tracked.status)) this.jobs.delete(jobId);
    }
  }
}

type SummaryEvent = Extract<
  FleetEvent,
  { type: 'job:created' | 'job:status' | 'job:finished' | 'device:result' }
>;

function isSummaryEvent(event: FleetEvent): event is SummaryEvent {
  return (
    event.type === 'job:created' ||
    event.type === 'job:status' ||
    event.type === 'job:finished' ||
    event.type === 'device:result'
  );
}

function applyEvent(tracked: Tracked, event: SummaryEvent): void {
  switch (event.type) {
    case 'job:created':
      tracked.name = event.name;
      tracked.targets = event.targets;
      return;
    case 'job:status':
      tracked.status = event.to;
      return;
    case 'job:finished':
      tracked.status = event.status;
      // The coordinator's final tally is authoritative.
      for (const state of FINISHED) tracked.finished[state] = event.counts[state] ?? 0;
      return;
    case 'device:result':
      tracked.finished[event.state] += 1;
      return;
  }
}

function isFinished(state: string): state is Finished {
  return (FINISHED as readonly string[]).includes(state);
}

function isTerminal(status: string): boolean {
  return status === 'completed' || status === 'failed' || status === 'cancelled';
}

function toSummary(jobId: string, tracked: Tracked): JobSummaryEvent {
  const counts: JobSummaryEvent['counts'] = {};
  let done = 0;
  for (const state of FINISHED) {
    const n = tracked.finished[state];
    done += n;
    if (n > 0) counts[state] = n;
  }
  if (tracked.targets > done) counts.pending = tracked.targets - done;
  const { name, status, targets, at } = tracked;
  return { jobId, name, status, targets, counts, at };
}
