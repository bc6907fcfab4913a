import type { EventLog } from '@fleetpush/store';

/** Options of {@link LogBatcher}. */
export interface LogBatcherOptions {
  /** Lines per `log` event at most. */
  readonly maxLines?: number;
  /** Longest a line waits before its batch is appended. */
  readonly intervalMs?: number;
}

/**
 * Collects a device session's (already redacted) output lines into batched `log` events: one
 * event per line would flood the job's stream and Redis (DESIGN §4 "Events").
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
    else this.timer ??= setTimeout(() => this.flush(), this.options.intervalMs ?? 250);
  }

  /** Appends what is collected (appends stay in order). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.lines.length === 0) return;
    const lines = this.lines;
    this.lines = [];
    const event = {
      type: 'log' as const,
      jobId: this.jobId,
      deviceKey: this.deviceKey,
      level: 'info' as const,
      lines,
    };
    this.pending = this.pending
      .then(() => this.events.append(this.jobId, [event]).then(() => undefined))
      .catch(() => undefined);
  }

  /** Flushes and waits until every batch is appended. */
  async close(): Promise<void> {
    this.flush();
    await this.pending;
  }
}
