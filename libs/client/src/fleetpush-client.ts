import type { FleetEvent, JobDetail, JobResultView } from '@fleetpush/contracts';
import { CredentialsApi, TokensApi } from './admin-api';
import { DevicesApi } from './devices-api';
import { ClientErrorCode, FleetpushClientError } from './errors';
import { HttpTransport } from './http-transport';
import { watchByPolling, watchOverGateway, type JobWatch, type WatchOptions } from './job-watch';
import { JobsApi } from './jobs-api';

/** Options of {@link FleetpushClient}. */
export interface FleetpushClientOptions {
  /** The API's origin, e.g. `http://127.0.0.1:8080` (`/api/v1` is appended). */
  readonly baseUrl: string;
  /** A bearer token (`FLEETPUSH_TOKEN`, or one issued by `POST /tokens`). */
  readonly token: string;
  /** The Socket.IO gateway's origin; without it, watching polls the REST API. */
  readonly gatewayUrl?: string;
  /** A `fetch` implementation (default: the global one). */
  readonly fetch?: typeof fetch;
}

/** Options of {@link FleetpushClient.awaitJob}. */
export interface AwaitJobOptions {
  /** Give up after this long (rejects with code `timeout`; the job keeps running). */
  readonly timeoutMs?: number;
  /** Sees every event while waiting (progress bars). */
  readonly onEvent?: (event: FleetEvent) => void;
  /** Polling period without a gateway, in ms. */
  readonly pollMs?: number;
}

/** A finished job: its detail and every device's result. */
export interface FinishedJob {
  readonly job: JobDetail;
  readonly result: JobResultView;
}

/** The job states after which nothing changes. */
export const FINAL_JOB_STATUSES: ReadonlySet<string> = new Set([
  'completed',
  'failed',
  'cancelled',
]);

/**
 * The typed fleetpush SDK: REST routes grouped by resource (`devices`, `jobs`, `tokens`,
 * `credentials`), plus live watching and awaiting of jobs. Runs in Node ≥ 20 and browsers.
 */
export class FleetpushClient {
  /** Inventory: import, list, get, delete, export. */
  readonly devices: DevicesApi;
  /** Jobs: submit, list, read, events, results, control. */
  readonly jobs: JobsApi;
  /** API tokens (admin). */
  readonly tokens: TokensApi;
  /** Credential profiles (admin). */
  readonly credentials: CredentialsApi;

  constructor(private readonly options: FleetpushClientOptions) {
    const http = new HttpTransport(options);
    this.devices = new DevicesApi(http);
    this.jobs = new JobsApi(http);
    this.tokens = new TokensApi(http);
    this.credentials = new CredentialsApi(http);
  }

  /**
   * Streams a job's events from `since` on (over the gateway, or by polling without one),
   * resuming from the last delivered sequence after a reconnect. Call `close()` when done.
   */
  watchJob(jobId: string, options: WatchOptions): JobWatch {
    const { gatewayUrl, token } = this.options;
    return gatewayUrl === undefined
      ? watchByPolling(this.jobs, jobId, options)
      : watchOverGateway(gatewayUrl, token, jobId, options);
  }

  /**
   * Resolves when the job has ended (completed, failed or cancelled) with its detail and every
   * device's result; rejects with a `timeout` {@link FleetpushClientError} after `timeoutMs`.
   */
  async awaitJob(jobId: string, options: AwaitJobOptions = {}): Promise<FinishedJob> {
    const first = await this.jobs.get(jobId);
    if (FINAL_JOB_STATUSES.has(first.status) && !options.onEvent) return this.finished(jobId);
    await this.untilFinished(jobId, options);
    return this.finished(jobId);
  }

  private untilFinished(jobId: string, options: AwaitJobOptions): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const done = (error?: FleetpushClientError): void => {
        watch.close();
        if (timer !== undefined) clearTimeout(timer);
        if (error) reject(error);
        else resolve();
      };
      const watch = this.watchJob(jobId, {
        ...(options.pollMs !== undefined && { pollMs: options.pollMs }),
        onEvent: (event) => {
          options.onEvent?.(event);
          if (event.type === 'job:finished') done();
        },
        onError: (error) => {
          if (error.code !== ClientErrorCode.badResponse) done(error);
        },
      });
      if (options.timeoutMs !== undefined) {
        timer = setTimeout(() => {
          done(
            new FleetpushClientError(
              ClientErrorCode.timeout,
              `job ${jobId} did not finish within ${options.timeoutMs} ms (it keeps running)`,
            ),
          );
        }, options.timeoutMs);
      }
    });
  }

  private async finished(jobId: string): Promise<FinishedJob> {
    const [job, result] = await Promise.all([this.jobs.get(jobId), this.jobs.result(jobId)]);
    return { job, result };
  }
}
