import { controlMessageSchema } from '@fleetpush/contracts';
import type { RedisKeys } from '@fleetpush/store';
import type { Redis } from 'ioredis';

/** A job's terminate signal, held while a device of the job is in flight in this process. */
export interface JobSignal {
  readonly signal: AbortSignal;
  release(): void;
}

interface Entry {
  readonly controller: AbortController;
  users: number;
}

/** How often stored control state is re-read for jobs with devices in flight (missed messages). */
const POLL_MS = 1_000;

/**
 * Turns `terminate` into an abort of this process's in-flight sessions of the job. The wake-up
 * arrives on the control channel; a worker that missed it (disconnected from pub/sub) still
 * obeys the stored control state, re-read every second, and at every journal step.
 */
export class ControlListener {
  private readonly jobs = new Map<string, Entry>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly subscriber: Redis,
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  /** Subscribes to the control channel and starts the fallback poll. */
  async start(): Promise<void> {
    this.subscriber.on('message', (_channel: string, message: string) => this.onMessage(message));
    await this.subscriber.subscribe(this.keys.controlChannel);
    this.timer = setInterval(() => void this.poll().catch(() => undefined), POLL_MS);
  }

  /** The terminate signal of a job; call `release()` when the device is done. */
  acquire(jobId: string): JobSignal {
    let entry = this.jobs.get(jobId);
    if (!entry) {
      entry = { controller: new AbortController(), users: 0 };
      this.jobs.set(jobId, entry);
    }
    entry.users += 1;
    const held = entry;
    return {
      signal: held.controller.signal,
      release: () => {
        held.users -= 1;
        if (held.users === 0 && this.jobs.get(jobId) === held) this.jobs.delete(jobId);
      },
    };
  }

  /** Aborts the in-flight sessions of a job in this process. */
  terminate(jobId: string): void {
    this.jobs.get(jobId)?.controller.abort(new Error(`job ${jobId} was terminated`));
  }

  private onMessage(message: string): void {
    const parsed = controlMessageSchema.safeParse(safeJson(message));
    if (parsed.success && parsed.data.action === 'terminate') this.terminate(parsed.data.jobId);
  }

  private async poll(): Promise<void> {
    for (const jobId of this.jobs.keys()) {
      const control = await this.redis.hget(this.keys.job(jobId).run, 'control');
      if (control === 'terminating') this.terminate(jobId);
    }
  }

  /** Stops listening; idempotent. */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.subscriber.unsubscribe().catch(() => undefined);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
