import type { NewFleetEvent } from '@fleetpush/contracts';
import type { EventLog } from '@fleetpush/store';

/** Options of {@link LogBatcher}. */
export interface LogBatcherOptions {
  /** Lines per `log` event at most. */
  readonly maxLines?: number;
  /** Longest a line waits before its batch is appended (default {@link LOG_BATCH_INTERVAL_MS}). */
  readonly intervalMs?: number;
}

/**
 * Longest a device's output line waits for its batch by default. Lines also leave with each
 * journal step, i.e. at every phase of the session, so a short session (the common change:
 * well under a second per phase) never appends a batch of its own; 250 ms sent a separate batch
 * for two devices in three in the peer bench (one more script call, append and publish each).
 */
export const LOG_BATCH_INTERVAL_MS = 1_000;

/**
 * Collects a device session's (already redacted) output lines into batched `log` events: one
 * event per line would flood the job's stream and Redis (DESIGN §4 "Events"). A batch goes out
 * on its own when full or after the interval, or rides along with the device's next journal
 * step (see {@link LogBatcher.drain}): a short session then costs no append of its own.
 */
export class LogBatcher {
  private lines: string[] = [];
  private timer: NodeJS.Timeout | undefined;
  private pending: Promise<void> = Promise.resolve();

  constructor(
    private readonly events: EventLog,
    private readonly jobId: string,
    private readonly deviceKey: string,
    private readonly options: LogBatcherOptions = {},
  ) {}

  /** Adds a line; the batch goes out when full or after the interval. */
  push(line: string): void {
    this.lines.push(line);
    if (this.lines.length >= (this.options.maxLines ?? 100)) this.flush();
    else
      this.timer ??= setTimeout(
        () => this.flush(),
        this.options.intervalMs ?? LOG_BATCH_INTERVAL_MS,
      );
  }

  /** Appends what is collected (appends stay in order). */
  flush(): void {
    const event = this.take();
    if (!event) return;
    this.pending = this.pending
      .then(() => this.events.append(this.jobId, [event]).then(() => undefined))
      .catch(() => undefined);
  }

  /**
   * Hands over what is collected instead of appending it, for the caller to append in its own
   * step; waits first for the batches already on their way, so lines stay in order.
   */
  async drain(): Promise<NewFleetEvent[]> {
    await this.pending;
    const event = this.take();
    return event ? [event] : [];
  }

  private take(): NewFleetEvent | undefined {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.lines.length === 0) return undefined;
    const lines = this.lines;
    this.lines = [];
    return { type: 'log', jobId: this.jobId, deviceKey: this.deviceKey, level: 'info', lines };
  }

  /** Flushes and waits until every batch is appended. */
  async close(): Promise<void> {
    this.flush();
    await this.pending;
  }
}
