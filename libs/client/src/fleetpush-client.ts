import type { FleetEvent, JobDetail, JobResultView } from '@fleetpush/contracts';
import { CredentialsApi, TokensApi } from './admin-api';
import { AuditApi } from './audit-api';
import { CommandsApi } from './commands-api';
import { DevicesApi } from './devices-api';
import { ClientErrorCode, FleetpushClientError } from './errors';
import { HttpTransport } from './http-transport';
import { watchByPolling, watchOverGateway, type JobWatch, type WatchOptions } from './job-watch';
import { JobsApi } from './jobs-api';
import { PresetsApi } from './presets-api';

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

/**
 * With a gateway, `awaitJob` also reads the job's status this often: a gateway that cannot be
 * reached (socket.io retries quietly) must delay the answer (by up to two periods), not withhold
 * it.
 */
const STATUS_CHECK_MS = 5_000;

/** The job states after which nothing changes. */
export const FINAL_JOB_STATUSES: ReadonlySet<string> = new Set([
  'completed',
  'failed',
  'cancelled',
]);

/**
 * The typed fleetpush SDK: REST routes grouped by resource (`devices`, `jobs`, `presets`,
 * `commands`, `tokens`, `credentials`, `audit`), plus live watching and awaiting of jobs. Runs in Node ≥ 20 and browsers.
 */
export class FleetpushClient {
  /** Inventory: import, list, get, delete, export. */
  readonly devices: DevicesApi;
  /** Jobs: preview, submit, run, list, read, events, results, control. */
  readonly jobs: JobsApi;
  /** Presets per OS model. */
  readonly presets: PresetsApi;
  /** Read-only commands on one device. */
  readonly commands: CommandsApi;
  /** API tokens (admin). */
  readonly tokens: TokensApi;
  /** Credential profiles (admin). */
  readonly credentials: CredentialsApi;
  /** The audit log (admin). */
  readonly audit: AuditApi;

  constructor(private readonly options: FleetpushClientOptions) {
    const http = new HttpTransport(options);
    this.devices = new DevicesApi(http);
    this.jobs = new JobsApi(http);
    this.presets = new PresetsApi(http);
    this.commands = new CommandsApi(http);
    this.tokens = new TokensApi(http);
    this.credentials = new CredentialsApi(http);
    this.audit = new AuditApi(http);
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
      let check: ReturnType<typeof setInterval> | undefined;
      const done = (error?: FleetpushClientError): void => {
        watch.close();
        clearTimeout(timer);
        clearInterval(check);
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
      if (this.options.gatewayUrl !== undefined) {
        // Final at two checks in a row: the gateway had a whole period to deliver job:finished,
        // so a working watch always ends the wait itself, with every event delivered.
        let finalBefore = false;
        check = setInterval(() => {
          this.jobs.get(jobId).then(
            (job) => {
              const final = FINAL_JOB_STATUSES.has(job.status);
              if (final && finalBefore) done();
              finalBefore = final;
            },
            () => undefined,
          );
        }, STATUS_CHECK_MS);
      }
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
