import {
  JOBS_NAMESPACE,
  type ClientToServerEvents,
  type FleetEvent,
  type ServerToClientEvents,
} from '@fleetpush/contracts';
import { io, type Socket } from 'socket.io-client';

/** What a watcher hears. */
export interface JobWatchHandlers {
  readonly onEvents: (events: FleetEvent[]) => void;
  readonly onConnection: (state: 'live' | 'reconnecting' | 'refused', detail?: string) => void;
}

/**
 * Follows one job on the gateway: joins with the last sequence seen, and rejoins after a
 * reconnect from where it stopped (the gateway replays the gap, never a duplicate).
 * Returns a function that stops watching.
 */
export function watchJob(
  gatewayUrl: string | null,
  token: string,
  jobId: string,
  handlers: JobWatchHandlers,
): () => void {
  const origin = gatewayUrl ?? window.location.origin;
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(
    `${origin}${JOBS_NAMESPACE}`,
    { auth: { token }, transports: ['websocket'] },
  );
  let lastSeq = 0;
  socket.on('job:events', (events) => {
    const fresh = events.filter((e) => e.jobId === jobId && e.seq > lastSeq);
    if (fresh.length === 0) return;
    lastSeq = fresh[fresh.length - 1]!.seq;
    handlers.onEvents(fresh);
  });
  socket.on('connect', () => {
    socket.emit('job:join', { jobId, since: lastSeq }, (ack) => {
      if (ack.ok) handlers.onConnection('live');
      else handlers.onConnection('refused', ack.error.message);
    });
  });
  socket.on('disconnect', () => handlers.onConnection('reconnecting'));
  socket.on('connect_error', (error) => handlers.onConnection('refused', error.message));
  return () => {
    socket.disconnect();
  };
}
