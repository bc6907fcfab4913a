import {
  importResponseSchema,
  uiConfigSchema,
  type ControlAction,
  type ControlResult,
  type FleetEvent,
  type ImportResultView,
  type JobPreview,
  type JobRerunSubmitted,
  type JobSubmissionInput,
  type JobSubmitted,
  type JobUndoSubmitted,
  type JobView,
  type RerunRequest,
  type UndoRequest,
} from '@fleetpush/contracts';
import {
  FleetpushApiError,
  FleetpushClient,
  HttpTransport,
  type FleetpushClientError,
  type JobWatch,
} from '@fleetpush/client';
import type {
  DeviceFilter,
  DeviceView,
  ImportAnswer,
  JobDetail,
  JobDeviceDetail,
  JobResult,
  JobFilter,
  JobSummary,
  Page,
  UiConfig,
} from './api-types';
import { progressText, readNewLines, type ImportStreamLine } from './import-stream';
import { fromStoredPreset, toPresetInput, type Preset, type PresetDraft } from './preset-store';

export type { ControlAction };

/** Progress of a CSV upload: bytes sent so far of the total. */
export interface UploadProgress {
  readonly sent: number;
  readonly total: number;
}

/** Where an import stands: the upload, then the API's progress while it validates and stores. */
export type ImportProgress =
  | ({ readonly kind: 'upload' } & UploadProgress)
  | { readonly kind: 'server'; readonly text: string };

/** The largest page the API serves. */
const MAX_PAGE = 1_000;

/** Turns a failed XHR answer into the client's API error. */
function xhrError(status: number, body: unknown): FleetpushApiError {
  const e = (body as { error?: { code?: string; message?: string; details?: [] } } | null)?.error;
  return new FleetpushApiError(
    status,
    e?.code ?? 'http_error',
    e?.message ?? `the server answered ${status}`,
    e?.details ?? [],
  );
}

/** An XHR's body as JSON, or null (an HTML error page, an empty body). */
function jsonOf(xhr: XMLHttpRequest): unknown {
  try {
    return JSON.parse(xhr.responseText) as unknown;
  } catch {
    return null;
  }
}

/** The import answer with each rejected row's (redacted) cells as text. */
function importAnswer(view: ImportResultView): ImportAnswer {
  const { mode, total, imported, created, updated } = view;
  const rejected = view.rejected.map((r) => {
    const cells =
      typeof r.row === 'object' && r.row !== null ? (r.row as Record<string, unknown>) : {};
    const row = Object.fromEntries(Object.entries(cells).map(([k, v]) => [k, String(v)]));
    return { line: r.line, problems: r.problems, row };
  });
  return { mode, total, imported, created, updated, removed: view.removed ?? 0, rejected };
}

/**
 * The UI's data access: `@fleetpush/client` for every REST call and the live event watch,
 * plus the one thing `fetch` cannot do, the CSV upload with upload progress (XHR).
 */
export class FleetApi {
  private readonly client: FleetpushClient;
  private readonly http: HttpTransport;

  constructor(
    private readonly token: string,
    private readonly origin: string = window.location.origin,
  ) {
    this.client = new FleetpushClient({ baseUrl: origin, token });
    this.http = new HttpTransport({ baseUrl: origin, token });
  }

  /** Where the gateway is, and who the token is (validates the token). */
  uiConfig(): Promise<UiConfig> {
    return this.http.json({ method: 'GET', path: '/ui-config' }, uiConfigSchema);
  }

  /** One page of devices matching the filter. */
  devices(filter: DeviceFilter, offset = 0, limit = MAX_PAGE): Promise<Page<DeviceView>> {
    const query = Object.fromEntries(
      Object.entries(filter).filter(([, v]) => v !== undefined && v !== ''),
    );
    return this.client.devices.list({ ...query, offset, limit });
  }

  /** Every device matching the filter (paged reads of 1,000). */
  async allDevices(filter: DeviceFilter = {}): Promise<DeviceView[]> {
    const out: DeviceView[] = [];
    for (;;) {
      const page = await this.devices(filter, out.length);
      out.push(...page.items);
      if (page.items.length === 0 || out.length >= page.total) return out;
    }
  }

  /**
   * Imports a CSV, reporting upload progress (XHR: `fetch` cannot report upload progress), then
   * the API's own progress (its NDJSON stream: rows validated, connection checks).
   */
  importCsv(
    csv: string,
    options: { mode: 'replace' | 'merge'; partial: boolean },
    onProgress: (p: ImportProgress) => void,
  ): Promise<ImportAnswer> {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open(
        'POST',
        `${this.origin}/api/v1/devices/import?mode=${options.mode}&partial=${String(options.partial)}`,
      );
      xhr.setRequestHeader('authorization', `Bearer ${this.token}`);
      xhr.setRequestHeader('content-type', 'text/csv');
      xhr.setRequestHeader('accept', 'application/x-ndjson');
      xhr.upload.onprogress = (e) => onProgress({ kind: 'upload', sent: e.loaded, total: e.total });
      let consumed = 0;
      let end: ImportStreamLine | undefined;
      const read = (): void => {
        const next = readNewLines(xhr.responseText, consumed);
        consumed = next.consumed;
        for (const line of next.lines) {
          const text = progressText(line);
          if (text) onProgress({ kind: 'server', text });
          if (line.type === 'complete' || line.type === 'error') end = line;
        }
      };
      xhr.onprogress = read;
      xhr.onerror = () =>
        reject(new FleetpushApiError(0, 'network', 'the server could not be reached'));
      xhr.onload = () => {
        if (xhr.status < 200 || xhr.status >= 300) return reject(xhrError(xhr.status, jsonOf(xhr)));
        read();
        if (end?.type === 'error') return reject(xhrError(end.status, end));
        const { type: _line, ...answer } = end?.type === 'complete' ? end : { type: '' };
        const parsed = importResponseSchema.safeParse(answer);
        if (parsed.success) resolve(importAnswer(parsed.data));
        else
          reject(
            new FleetpushApiError(
              xhr.status,
              'bad_response',
              'the import answer was not understood',
            ),
          );
      };
      xhr.send(csv);
    });
  }

  /** The stored presets of one OS model, or every preset when `osModel` is `any`. */
  async presets(osModel: string): Promise<Preset[]> {
    const stored = await this.client.presets.list(osModel === 'any' ? {} : { os_model: osModel });
    return stored.map(fromStoredPreset);
  }

  /** Stores a preset (409 `conflict` when its name is taken within its OS model). */
  async savePreset(draft: PresetDraft): Promise<Preset> {
    return fromStoredPreset(await this.client.presets.create(toPresetInput(draft)));
  }

  /**
   * Overwrites a stored preset's name and commands with a draft, keeping its description and
   * run settings (409 when the new name is taken).
   */
  async updatePreset(preset: Preset, draft: PresetDraft): Promise<Preset> {
    return fromStoredPreset(
      await this.client.presets.replace(preset.id, toPresetInput(draft, preset.kept)),
    );
  }

  /** Deletes a stored preset (404 when it is gone already). */
  async deletePreset(id: string): Promise<void> {
    await this.client.presets.delete(id);
  }

  /** An ended job's change again, as a new job, on its devices that failed (operator). */
  rerunJob(id: string, request: RerunRequest = {}): Promise<JobRerunSubmitted> {
    return this.client.jobs.rerun(id, request);
  }

  /** An ended job's rollback commands, as a new job, on the devices it left changed (operator). */
  undoJob(id: string, request: UndoRequest = {}): Promise<JobUndoSubmitted> {
    return this.client.jobs.undo(id, request);
  }

  /** Deletes a finished job with its results, diffs and events (admin; 409 until it finished). */
  async deleteJob(id: string): Promise<void> {
    await this.client.jobs.delete(id);
  }

  /** Newest jobs first, each with its devices counted by state; filtered by the server. */
  jobs(filter: JobFilter = {}, offset = 0, limit = 50): Promise<Page<JobSummary>> {
    const { status, owner, text } = filter;
    return this.client.jobs.list({
      ...(status && { status }),
      ...(owner && { owner }),
      ...(text && { text }),
      offset,
      limit,
    });
  }

  /** One job with its run and counts. */
  job(id: string): Promise<JobDetail> {
    return this.client.jobs.get(id);
  }

  /** Every device's state and result. */
  result(id: string): Promise<JobResult> {
    return this.client.jobs.result(id);
  }

  /** One device of a job: its rendered commands, state and result. */
  device(id: string, key: string): Promise<JobDeviceDetail> {
    return this.client.jobs.device(id, key);
  }

  /** What submitting would do (`POST /jobs/preview`): rendered commands, unresolved variables. */
  preview(body: JobSubmissionInput): Promise<JobPreview> {
    return this.client.jobs.preview(body);
  }

  /** Submits (and starts) a job; the key makes a retried click start one job, not two. */
  submit(body: JobSubmissionInput, idempotencyKey: string): Promise<JobSubmitted> {
    return this.client.jobs.submit(body, { idempotencyKey });
  }

  /**
   * Starts a job that waits: scheduled ahead (`window.start_at`) or held (`POST /jobs/{id}/run`,
   * operator); 409 `invalid_state` once it has started or ended.
   */
  async startJob(id: string): Promise<void> {
    await this.client.jobs.run(id);
  }

  /**
   * A second person's approval of a job the approval policy holds (`POST /jobs/{id}/approve`,
   * operator; admin when it reaches production), with an optional comment for the audit log.
   * The job as it is then: running, or still queued when its change window opens later. 403
   * for its submitter, 409 once it no longer awaits approval.
   */
  async approveJob(id: string, comment?: string): Promise<JobView> {
    return (await this.client.jobs.approve(id, comment)).job;
  }

  /** Pause, resume, cancel or terminate a job. */
  control(id: string, action: ControlAction): Promise<ControlResult> {
    return this.client.jobs.control(id, action);
  }

  /**
   * Follows a job's events (replay from `since`, then live; no gap, no duplicate) on the
   * gateway at `gatewayUrl`, or on this origin's when it is `null`.
   */
  watch(
    jobId: string,
    gatewayUrl: string | null,
    onEvent: (e: FleetEvent) => void,
    onError: (e: FleetpushClientError) => void,
  ): JobWatch {
    const watcher = new FleetpushClient({
      baseUrl: this.origin,
      token: this.token,
      gatewayUrl: gatewayUrl ?? this.origin,
    });
    return watcher.watchJob(jobId, { onEvent, onError });
  }
}
