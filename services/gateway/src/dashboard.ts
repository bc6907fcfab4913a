import type { Logger } from '@fleetpush/runtime';
import type { RedisKeys } from '@fleetpush/store';
import type { Redis } from 'ioredis';
import { ALL_JOBS, type EventFanout } from './event-fanout';
import { JobSummaries } from './job-summaries';
import type { JobsNamespace, JobsSocket } from './socket-types';

/** The room of the sockets that called `jobs:subscribe`. */
export const DASHBOARD_ROOM = 'jobs:dashboard';

/** Options of {@link Dashboard}. */
export interface DashboardOptions {
  readonly redis: Redis;
  readonly keys: RedisKeys;
  readonly namespace: JobsNamespace;
  readonly fanout: EventFanout;
  /** Summaries of one job go out at most this often. */
  readonly intervalMs: number;
  /** Active jobs sent to a new subscriber at most (the rest follow as they change). */
  readonly maxSnapshot: number;
  readonly logger: Logger;
}

/**
 * The `jobs` dashboard channel of one gateway: while at least one of its sockets subscribed,
 * it follows every job's events and sends `jobs:summary` lines to its own subscribers. Each
 * replica derives them from its own subscription, so they are sent locally, never via Redis.
 */
export class Dashboard {
  private readonly subscribers = new Set<string>();
  private readonly summaries: JobSummaries;

  constructor(private readonly options: DashboardOptions) {
    this.summaries = new JobSummaries({
      redis: options.redis,
      keys: options.keys,
      intervalMs: options.intervalMs,
      logger: options.logger,
      publish: (summary) =>
        options.namespace.local.to(DASHBOARD_ROOM).emit('jobs:summary', summary),
    });
  }

  /** Serves `jobs:subscribe` on a socket. */
  attach(socket: JobsSocket): void {
    socket.on('jobs:subscribe', () => {
      if (this.subscribers.has(socket.id)) return;
      this.subscribe(socket).catch((error: unknown) =>
        this.options.logger.warn({ err: error }, 'gateway: dashboard snapshot failed'),
      );
    });
    socket.on('disconnect', () => this.unsubscribe(socket.id));
  }

  /** Stops following events. */
  close(): void {
    this.options.fanout.remove(ALL_JOBS, this.summaries);
    this.summaries.clear();
    this.subscribers.clear();
  }

  private async subscribe(socket: JobsSocket): Promise<void> {
    this.subscribers.add(socket.id);
    if (this.subscribers.size === 1) this.options.fanout.add(ALL_JOBS, this.summaries);
    await socket.join(DASHBOARD_ROOM);
    const active = await this.options.redis.smembers(this.options.keys.activeJobs);
    const jobIds = active.sort().slice(0, this.options.maxSnapshot);
    for (const summary of await this.summaries.snapshot(jobIds)) {
      if (socket.connected) socket.emit('jobs:summary', summary);
    }
  }

  private unsubscribe(socketId: string): void {
    if (!this.subscribers.delete(socketId) || this.subscribers.size > 0) return;
    this.options.fanout.remove(ALL_JOBS, this.summaries);
    this.summaries.clear();
  }
}
