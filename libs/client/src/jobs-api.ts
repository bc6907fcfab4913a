import {
  activeJobsSchema,
  controlResponseSchema,
  jobPreviewSchema,
  jobRunAcceptedSchema,
  jobRunEndedSchema,
  jobDetailSchema,
  jobDeviceSchema,
  eventPageSchema,
  jobPageSchema,
  jobRerunResponseSchema,
  jobResultSchema,
  jobSubmitResponseSchema,
  jobUndoResponseSchema,
  type ActiveJobs,
  type ControlAction,
  type ControlResult,
  type JobDetail,
  type JobDeviceDetail,
  type JobEventsPage,
  type JobPage,
  type JobPreview,
  type JobRerunSubmitted,
  type JobRunAccepted,
  type JobRunEnded,
  type JobResultView,
  type JobSubmissionInput,
  type JobSubmitted,
  type JobUndoSubmitted,
  type RerunRequest,
  type UndoRequest,
} from '@fleetpush/contracts';
import { segment, type HttpTransport, type RequestOptions } from './http-transport';

/** Options of {@link JobsApi.submit}. */
export interface SubmitOptions {
  /**
   * Makes the submission safe to retry: a retry with the same key and body returns the first
   * job (`replayed: true`) instead of starting a second one. 1-200 printable ASCII characters.
   */
  readonly idempotencyKey?: string;
  /**
   * `false` stores the job `queued` without starting it (`POST /jobs?start=false`): it waits
   * for {@link JobsApi.run} or a cancel. Default: started at once.
   */
  readonly start?: boolean;
  readonly signal?: AbortSignal;
}

/** Options of {@link JobsApi.run}. */
export interface RunOptions {
  /** Wait up to this many seconds (≤ 300) for the job to end; 0 (default) answers at once. */
  readonly waitSeconds?: number;
  readonly signal?: AbortSignal;
}

/**
 * The answer of {@link JobsApi.run}: `ended: true` (HTTP 200) with the final job and every
 * device's result when it ended within the wait; else `ended: false` (HTTP 202), started.
 */
export type RunOutcome =
  ({ readonly ended: true } & JobRunEnded) | ({ readonly ended: false } & JobRunAccepted);

/** Options of {@link JobsApi.rerun} and {@link JobsApi.undo}. */
export interface FollowUpOptions {
  /** As for {@link SubmitOptions.idempotencyKey}: a retry returns the first job (200). */
  readonly idempotencyKey?: string;
}

/** The request of a rerun or an undo of job `id`. */
function followUpRequest(
  id: string,
  action: 'rerun' | 'undo',
  body: RerunRequest | UndoRequest,
  options: FollowUpOptions,
): RequestOptions {
  return {
    method: 'POST',
    path: `/jobs/${segment(id)}/${action}`,
    body,
    ...(options.idempotencyKey !== undefined && {
      headers: { 'idempotency-key': options.idempotencyKey },
    }),
  };
}

/** Filters (combined with AND) and page of {@link JobsApi.list}. */
export interface JobListQuery {
  /** One status, or several comma-separated (`running,paused`). */
  readonly status?: string;
  /** The submitter's token name, exactly. */
  readonly owner?: string;
  /** Text in the job's name (any case), or the start of its id. */
  readonly text?: string;
  readonly offset?: number;
  /** Jobs per page (the API's default 50, at most 1,000). */
  readonly limit?: number;
}

/** The job routes (`/jobs`). */
export class JobsApi {
  constructor(private readonly http: HttpTransport) {}

  /** Submits a job (`POST /jobs`) and starts it, unless `start: false` holds it for {@link run}. */
  submit(submission: JobSubmissionInput, options: SubmitOptions = {}): Promise<JobSubmitted> {
    return this.http.json(
      {
        method: 'POST',
        path: '/jobs',
        query: { start: options.start === false ? false : undefined },
        body: submission,
        ...(options.idempotencyKey !== undefined && {
          headers: { 'idempotency-key': options.idempotencyKey },
        }),
        ...(options.signal && { signal: options.signal }),
      },
      jobSubmitResponseSchema,
    );
  }

  /**
   * Submits an ended job's change again as a new job, on its devices that `failed` (failed or
   * aborted; the default) or did `not_succeeded` (also skipped) (`POST /jobs/{id}/rerun`).
   * Production must be confirmed again (`confirm_prod`). 409 while the job runs or when no device
   * qualifies.
   */
  rerun(
    id: string,
    request: RerunRequest = {},
    options: FollowUpOptions = {},
  ): Promise<JobRerunSubmitted> {
    return this.http.json(followUpRequest(id, 'rerun', request, options), jobRerunResponseSchema);
  }

  /**
   * Undoes an ended job as a new job (`POST /jobs/{id}/undo`): its `rollback_commands` on the
   * devices it left changed, in waves like any job. Production must be confirmed again. 409 while
   * the job runs, when it has no rollback commands, or when it left no device changed.
   */
  undo(
    id: string,
    request: UndoRequest = {},
    options: FollowUpOptions = {},
  ): Promise<JobUndoSubmitted> {
    return this.http.json(followUpRequest(id, 'undo', request, options), jobUndoResponseSchema);
  }

  /**
   * What submitting would do (`POST /jobs/preview`): every device's rendered commands, the run
   * plan, the problems it would be refused with (`ok: false`) and `needs_role`. Stores nothing.
   * 400 only for a body {@link submit} would reject at validation.
   */
  preview(submission: JobSubmissionInput): Promise<JobPreview> {
    return this.http.json(
      { method: 'POST', path: '/jobs/preview', body: submission },
      jobPreviewSchema,
    );
  }

  /**
   * Starts a job submitted with `start: false` (`POST /jobs/{id}/run`), once: 409
   * `invalid_state` when it was started, cancelled or ended; 403 for an operator when it
   * targets production. With `waitSeconds`, resolves `ended: true` with the final result if
   * the job ends in time.
   */
  run(id: string, options: RunOptions = {}): Promise<RunOutcome> {
    return this.startedBy({ path: `/jobs/${segment(id)}/run` }, options);
  }

  /**
   * A second person's approval of a job the approval policy holds (`POST /jobs/{id}/approve`):
   * 403 for its submitter (and for an operator when it reaches production), 409 when it does not
   * await approval. The job starts (with `waitSeconds`, `ended: true` if it ends in time), or,
   * when its change window opens later, is scheduled (`ended: false`, status `queued`).
   * `comment` goes to the audit log.
   */
  approve(id: string, comment?: string, options: RunOptions = {}): Promise<RunOutcome> {
    return this.startedBy(
      { path: `/jobs/${segment(id)}/approve`, body: comment === undefined ? {} : { comment } },
      options,
    );
  }

  /** A request that starts a job (`/run`, `/approve`), and its answer. */
  private async startedBy(
    target: { readonly path: string; readonly body?: object },
    options: RunOptions,
  ): Promise<RunOutcome> {
    const request = {
      method: 'POST',
      ...target,
      query: { wait: options.waitSeconds },
      ...(options.signal && { signal: options.signal }),
    } as const;
    const response = await this.http.send(request);
    if (response.status === 200) {
      return { ended: true, ...(await this.http.parse(request, response, jobRunEndedSchema)) };
    }
    return { ended: false, ...(await this.http.parse(request, response, jobRunAcceptedSchema)) };
  }

  /** Queued (also held), running, paused and cancelling jobs, newest first (`GET /jobs/active`). */
  active(): Promise<ActiveJobs> {
    return this.http.json({ method: 'GET', path: '/jobs/active' }, activeJobsSchema);
  }

  /** Jobs, newest first, each with its devices counted by state. */
  list(query: JobListQuery = {}): Promise<JobPage> {
    return this.http.json({ method: 'GET', path: '/jobs', query: { ...query } }, jobPageSchema);
  }

  /** One job: submission, run control and phase, devices counted by state. */
  get(id: string, signal?: AbortSignal): Promise<JobDetail> {
    return this.http.json(
      { method: 'GET', path: `/jobs/${segment(id)}`, ...(signal && { signal }) },
      jobDetailSchema,
    );
  }

  /** The job's events after sequence number `since` (0 = from the start). */
  events(id: string, query: { since?: number; limit?: number } = {}): Promise<JobEventsPage> {
    return this.http.json(
      { method: 'GET', path: `/jobs/${segment(id)}/events`, query },
      eventPageSchema,
    );
  }

  /** Every device's state and stored result (partial while the job runs). */
  result(id: string): Promise<JobResultView> {
    return this.http.json({ method: 'GET', path: `/jobs/${segment(id)}/result` }, jobResultSchema);
  }

  /** One device of a job: rendered commands, state, outputs, diff, transcript. */
  device(id: string, key: string): Promise<JobDeviceDetail> {
    return this.http.json(
      { method: 'GET', path: `/jobs/${segment(id)}/devices/${segment(key)}` },
      jobDeviceSchema,
    );
  }

  /** Applies a control action (409 `invalid_state` when the job's state forbids it). */
  control(id: string, action: ControlAction, reason?: string): Promise<ControlResult> {
    return this.http.json(
      {
        method: 'POST',
        path: `/jobs/${segment(id)}/${action}`,
        body: reason === undefined ? {} : { reason },
      },
      controlResponseSchema,
    );
  }

  /** Stops new device starts until {@link resume}. */
  pause(id: string, reason?: string): Promise<ControlResult> {
    return this.control(id, 'pause', reason);
  }

  /** Resumes a paused job (also the approval after a `pause_after_canary` hold). */
  resume(id: string, reason?: string): Promise<ControlResult> {
    return this.control(id, 'resume', reason);
  }

  /** Stops new starts; in-flight devices finish cleanly. */
  cancel(id: string, reason?: string): Promise<ControlResult> {
    return this.control(id, 'cancel', reason);
  }

  /** Stops new starts and aborts in-flight SSH sessions at once. */
  terminate(id: string, reason?: string): Promise<ControlResult> {
    return this.control(id, 'terminate', reason);
  }

  /**
   * Deletes a finished job with its results, diffs and events (admin); 409 `invalid_state`
   * while it has not finished, 404 when there is no such job.
   */
  delete(id: string): Promise<void> {
    return this.http.empty({ method: 'DELETE', path: `/jobs/${segment(id)}` });
  }
}
