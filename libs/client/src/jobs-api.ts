import {
  controlResultSchema,
  jobDetailSchema,
  jobDeviceDetailSchema,
  jobEventsPageSchema,
  jobPageSchema,
  jobResultSchema,
  jobSubmittedSchema,
  type ControlAction,
  type ControlResult,
  type JobDetail,
  type JobDeviceDetail,
  type JobEventsPage,
  type JobPage,
  type JobResultView,
  type JobSubmissionInput,
  type JobSubmitted,
} from '@fleetpush/contracts';
import { segment, type HttpTransport, type Query } from './http-transport';

/** Options of {@link JobsApi.submit}. */
export interface SubmitOptions {
  /**
   * Makes the submission safe to retry: a retry with the same key and body returns the first
   * job (`replayed: true`) instead of starting a second one. 1-200 printable ASCII characters.
   */
  readonly idempotencyKey?: string;
  readonly signal?: AbortSignal;
}

/** Filters and page of {@link JobsApi.list}; filters the API does not know are ignored by it. */
export type JobListQuery = Query & { readonly offset?: number; readonly limit?: number };

/** The job routes (`/jobs`). */
export class JobsApi {
  constructor(private readonly http: HttpTransport) {}

  /** Submits and starts a job (`POST /jobs`). */
  submit(submission: JobSubmissionInput, options: SubmitOptions = {}): Promise<JobSubmitted> {
    return this.http.json(
      {
        method: 'POST',
        path: '/jobs',
        body: submission,
        ...(options.idempotencyKey !== undefined && {
          headers: { 'idempotency-key': options.idempotencyKey },
        }),
        ...(options.signal && { signal: options.signal }),
      },
      jobSubmittedSchema,
    );
  }

  /** Jobs, newest first. */
  list(query: JobListQuery = {}): Promise<JobPage> {
    return this.http.json({ method: 'GET', path: '/jobs', query }, jobPageSchema);
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
      jobEventsPageSchema,
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
      jobDeviceDetailSchema,
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
      controlResultSchema,
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
}
