import { z } from 'zod';
import type { FleetEvent } from './events';
import { deviceCountsSchema } from './events';

/** `job:join` request: the job to watch and the last sequence number already seen (0 = all). */
export const joinRequestSchema = z
  .object({
    jobId: z.string().min(1).max(200),
    since: z.number().int().min(0).default(0),
  })
  .strict();

/** A join request as sent. */
export type JoinRequest = z.input<typeof joinRequestSchema>;

/**
 * Answer to `job:join`, sent once the replay is done. `lastSeq` is the last sequence number sent
 * to this socket; `truncated` says the stream was already trimmed past `since`, so some events
 * after `since` are gone and the replay started at the oldest one kept.
 */
export type JoinAck =
  | { ok: true; lastSeq: number; replayed: number; truncated: boolean }
  | { ok: false; error: { code: string; message: string } };

/** One line of the `jobs` dashboard channel. */
export const jobSummaryEventSchema = z.object({
  jobId: z.string(),
  name: z.string(),
  status: z.string(),
  /** Devices in the job, so that `counts` can be shown as progress. */
  targets: z.number().int().min(0),
  /** Device tasks by state: finished ones by outcome, every other one as `pending`. */
  counts: deviceCountsSchema,
  at: z.string(),
});

/** A dashboard summary update. */
export type JobSummaryEvent = z.infer<typeof jobSummaryEventSchema>;

/** Socket.IO events the server sends on the `/jobs` namespace (shared by gateway and client). */
export interface ServerToClientEvents {
  /** A batch of job events, in sequence order (replay first, then live). */
  'job:events': (events: FleetEvent[]) => void;
  /** Dashboard summaries, for sockets that called `jobs:subscribe`. */
  'jobs:summary': (summary: JobSummaryEvent) => void;
}

/** Socket.IO events a client sends on the `/jobs` namespace. */
export interface ClientToServerEvents {
  'job:join': (request: JoinRequest, ack: (answer: JoinAck) => void) => void;
  'job:leave': (request: { jobId: string }) => void;
  'jobs:subscribe': () => void;
}

/** The Socket.IO namespace for job events. */
export const JOBS_NAMESPACE = '/jobs';
