import {
  fleetEventSchema,
  JOBS_NAMESPACE,
  type ClientToServerEvents,
  type FleetEvent,
  type JoinAck,
  type ServerToClientEvents,
} from '@fleetpush/contracts';
import { io, type Socket } from 'socket.io-client';
import { ClientErrorCode, FleetpushClientError } from './errors';
import type { JobsApi } from './jobs-api';

/** Options of `watchJob`. */
export interface WatchOptions {
  /** The last sequence number already seen (0 = every event from the start). */
  readonly since?: number;
  /** Called once per event, in sequence order, never twice for one sequence number. */
  readonly onEvent: (event: FleetEvent) => void;
  /** Called when the watch fails for good (refused token, unknown job) or an event is malformed. */
  readonly onError?: (error: FleetpushClientError) => void;
  /** Polling period when no gateway URL is configured, in ms (default 500). */
  readonly pollMs?: number;
}

/** A running watch of one job's events. */
export interface JobWatch {
  /** The last sequence number delivered to `onEvent`. */
  readonly lastSeq: number;
  /** Stops the watch (idempotent); no event is delivered after it. */
  close(): void;
}

/** Delivers events in order, dropping the ones at or below the last delivered sequence. */
class EventSequencer {
  lastSeq: number;
  closed = false;

  constructor(
    since: number,
    private readonly options: WatchOptions,
  ) {
    this.lastSeq = since;
  }

  deliver(raw: readonly unknown[]): void {
    for (const item of raw) {
      if (this.closed) return;
      const parsed = fleetEventSchema.safeParse(item);
      if (!parsed.success) {
        this.options.onError?.(
          new FleetpushClientError(
            ClientErrorCode.badResponse,
            'the gateway sent a malformed event',
            {
              cause: parsed.error,
            },
          ),
        );
        continue;
      }
      if (parsed.data.seq <= this.lastSeq) continue;
      this.lastSeq = parsed.data.seq;
      this.options.onEvent(parsed.data);
    }
  }
}

type JobsSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * Watches a job over the gateway's `/jobs` namespace: joins with the last sequence seen, and
 * on every reconnect joins again from the last delivered one, so the caller sees no gap and no
 * duplicate. The bearer token travels in the handshake's `auth`.
 */
export function watchOverGateway(
  gatewayUrl: string,
  token: string,
  jobId: string,
  options: WatchOptions,
): JobWatch {
  const sequencer = new EventSequencer(options.since ?? 0, options);
  const socket: JobsSocket = io(`${gatewayUrl.replace(/\/+$/, '')}${JOBS_NAMESPACE}`, {
    auth: { token },
    transports: ['websocket'],
  });
  const fail = (message: string, cause?: unknown): void => {
    if (sequencer.closed) return;
    options.onError?.(new FleetpushClientError(ClientErrorCode.watchRefused, message, { cause }));
  };
  socket.on('job:events', (events) => sequencer.deliver(events));
  socket.on('connect', () => {
    socket.emit('job:join', { jobId, since: sequencer.lastSeq }, (ack: JoinAck) => {
      if (!ack.ok) fail(`the gateway refused to watch job ${jobId}: ${ack.error.message}`);
    });
  });
  socket.on('connect_error', (error) => {
    // A refusal by the gateway's middleware is final (socket.io does not retry it); a network
    // error is retried by socket.io's reconnection and is not reported.
    if (!socket.active) fail(`the gateway refused the connection: ${error.message}`, error);
  });
  return {
    get lastSeq() {
      return sequencer.lastSeq;
    },
    close() {
      sequencer.closed = true;
      socket.disconnect();
    },
  };
}

/** Events per poll: the API's largest page. */
const POLL_PAGE = 1_000;

/** Default polling period: a watcher sees a change within half a second. */
const DEFAULT_POLL_MS = 500;

/**
 * Watches a job by polling `GET /jobs/{id}/events?since=` (for callers with no gateway URL):
 * the same delivery guarantees as {@link watchOverGateway}, at polling latency.
 */
export function watchByPolling(jobs: JobsApi, jobId: string, options: WatchOptions): JobWatch {
  const sequencer = new EventSequencer(options.since ?? 0, options);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const poll = async (): Promise<void> => {
    for (;;) {
      const page = await jobs.events(jobId, { since: sequencer.lastSeq, limit: POLL_PAGE });
      sequencer.deliver(page.events);
      if (page.events.length < POLL_PAGE || sequencer.closed) return;
    }
  };
  const loop = (): void => {
    poll().then(
      () => {
        if (!sequencer.closed) timer = setTimeout(loop, options.pollMs ?? DEFAULT_POLL_MS);
      },
      (error: unknown) => {
        if (sequencer.closed) return;
        const known = error instanceof FleetpushClientError && error.code === 'network';
        if (known) timer = setTimeout(loop, options.pollMs ?? DEFAULT_POLL_MS);
        else
          options.onError?.(
            new FleetpushClientError(
              ClientErrorCode.watchRefused,
              `watching job ${jobId} failed: ${error instanceof Error ? error.message : String(error)}`,
              {
                cause: error,
              },
            ),
          );
      },
    );
  };
  loop();
  return {
    get lastSeq() {
      return sequencer.lastSeq;
    },
    close() {
      sequencer.closed = true;
      if (timer !== undefined) clearTimeout(timer);
    },
  };
}
