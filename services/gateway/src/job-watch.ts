import { joinRequestSchema, type JoinAck } from '@fleetpush/contracts';
import type { Logger } from '@fleetpush/runtime';
import { ackError, GatewayError, GatewayErrorCode } from './errors';
import type { EventFanout } from './event-fanout';
import { JobFollower, type EventSource } from './job-follower';
import type { JobsSocket } from './socket-types';

/** What {@link watchJobs} needs from the gateway. */
export interface JobWatchDeps {
  readonly source: EventSource;
  /** Whether a job exists (it has a record or at least one event). */
  readonly jobExists: (jobId: string) => Promise<boolean>;
  readonly fanout: EventFanout;
  readonly pageSize: number;
  /** Jobs one socket may watch at once, so that one client cannot hold unbounded state. */
  readonly maxJobsPerSocket: number;
  readonly logger: Logger;
}

/** The Socket.IO room of a job's watchers (for presence and adapter-wide operations). */
export function jobRoom(jobId: string): string {
  return `job:${jobId}`;
}

/**
 * Serves `job:join` and `job:leave` on one socket: each joined job gets a {@link JobFollower}
 * registered with the fan-out before its replay starts, and is released on leave or disconnect.
 */
export function watchJobs(socket: JobsSocket, deps: JobWatchDeps): void {
  const followers = new Map<string, JobFollower>();
  const stop = (jobId: string): void => {
    const follower = followers.get(jobId);
    if (!follower) return;
    follower.close();
    deps.fanout.remove(jobId, follower);
    followers.delete(jobId);
    void socket.leave(jobRoom(jobId));
  };

  socket.on('job:join', (request: unknown, ack: unknown) => {
    const reply = typeof ack === 'function' ? (ack as (answer: JoinAck) => void) : () => {};
    join(socket, deps, followers, stop, request).then(reply, (error: unknown) => {
      deps.logger.error({ err: error }, 'gateway: job:join failed');
      reply(ackError(new GatewayError(GatewayErrorCode.unavailable, 'job:join failed, retry')));
    });
  });
  socket.on('job:leave', (request: unknown) => {
    const jobId = (request as { jobId?: unknown } | null)?.jobId;
    if (typeof jobId === 'string') stop(jobId);
  });
  socket.on('disconnect', () => {
    for (const jobId of [...followers.keys()]) stop(jobId);
  });
}

async function join(
  socket: JobsSocket,
  deps: JobWatchDeps,
  followers: Map<string, JobFollower>,
  stop: (jobId: string) => void,
  request: unknown,
): Promise<JoinAck> {
  const parsed = joinRequestSchema.safeParse(request);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (i) => `${i.path.join('.') || '(request)'}: ${i.message}`,
    );
    return ackError(
      new GatewayError(
        GatewayErrorCode.invalidRequest,
        `job:join takes { jobId: string, since: integer >= 0 }; ${problems.join('; ')}`,
      ),
    );
  }
  const { jobId, since } = parsed.data;
  if (!followers.has(jobId) && followers.size >= deps.maxJobsPerSocket) {
    return ackError(
      new GatewayError(
        GatewayErrorCode.tooManyJobs,
        `a connection may watch at most ${deps.maxJobsPerSocket} jobs; leave one first`,
      ),
    );
  }
  if (!(await deps.jobExists(jobId))) {
    return ackError(new GatewayError(GatewayErrorCode.jobNotFound, `no job ${jobId}`));
  }
  stop(jobId);
  if (socket.disconnected) return ackError(new GatewayError(GatewayErrorCode.unavailable, 'gone'));
  const follower = new JobFollower({
    jobId,
    since,
    source: deps.source,
    pageSize: deps.pageSize,
    send: (events) => socket.emit('job:events', events),
    onError: (error) => deps.logger.warn({ err: error, jobId }, 'gateway: catch-up read failed'),
  });
  followers.set(jobId, follower);
  deps.fanout.add(jobId, follower);
  void socket.join(jobRoom(jobId));
  try {
    const { replayed, truncated } = await follower.replay();
    return { ok: true, lastSeq: follower.lastSeq, replayed, truncated };
  } catch (cause) {
    if (followers.get(jobId) === follower) stop(jobId);
    throw cause;
  }
}
