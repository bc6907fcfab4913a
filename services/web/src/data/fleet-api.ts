import type { JobSubmissionInput } from '@fleetpush/contracts';
import { apiErrorFrom, FleetApiError } from './api-error';
import type {
  DeviceFilter,
  DeviceView,
  ImportAnswer,
  JobDetail,
  JobDeviceDetail,
  JobResult,
  JobSummary,
  Page,
  SubmitAnswer,
  UiConfig,
} from './api-types';

/** The REST base path. */
const BASE = '/api/v1';

/** Job control actions the API accepts. */
export type ControlAction = 'pause' | 'resume' | 'cancel' | 'terminate';

/** Progress of a CSV upload: bytes sent so far of the total. */
export interface UploadProgress {
  readonly sent: number;
  readonly total: number;
}

/**
 * Every REST call the UI makes, typed. The only module that knows URLs: when `@fleetpush/client`
 * lands, this file is the one to switch over.
 */
export class FleetApi {
  constructor(private readonly token: string) {}

  private async call<T>(path: string, init: RequestInit = {}): Promise<T> {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${this.token}`);
    if (init.body && !headers.has('content-type')) headers.set('content-type', 'application/json');
    const response = await fetch(`${BASE}${path}`, { ...init, headers });
    if (response.status === 204) return undefined as T;
    const body: unknown = await response.json().catch(() => null);
    if (!response.ok) throw apiErrorFrom(response.status, body);
    return body as T;
  }

  /** Where the gateway is. */
  uiConfig(): Promise<UiConfig> {
    return this.call('/ui-config');
  }

  /** One page of devices matching the filter. */
  devices(filter: DeviceFilter, offset = 0, limit = 1000): Promise<Page<DeviceView>> {
    const q = new URLSearchParams({ offset: String(offset), limit: String(limit) });
    for (const [k, v] of Object.entries(filter))
      if (v !== undefined && v !== '') q.set(k, String(v));
    return this.call(`/devices?${q.toString()}`);
  }

  /** Every device (paged reads of 1,000). */
  async allDevices(filter: DeviceFilter = {}): Promise<DeviceView[]> {
    const out: DeviceView[] = [];
    for (;;) {
      const page = await this.devices(filter, out.length);
      out.push(...page.items);
      if (page.items.length === 0 || out.length >= page.total) return out;
    }
  }

  /** Imports a CSV with upload progress (XHR: `fetch` cannot report upload progress). */
  importCsv(
    csv: string,
    options: { mode: 'replace' | 'merge'; partial: boolean },
    onProgress: (p: UploadProgress) => void,
  ): Promise<ImportAnswer> {
    const q = `mode=${options.mode}&partial=${String(options.partial)}`;
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', `${BASE}/devices/import?${q}`);
      xhr.setRequestHeader('authorization', `Bearer ${this.token}`);
      xhr.setRequestHeader('content-type', 'text/csv');
      xhr.upload.onprogress = (e) => onProgress({ sent: e.loaded, total: e.total });
      xhr.onerror = () =>
        reject(new FleetApiError(0, 'network', 'the server could not be reached'));
      xhr.onload = () => {
        let body: unknown = null;
        try {
          body = JSON.parse(xhr.responseText) as unknown;
        } catch {
          /* not JSON: reported by status below */
        }
        if (xhr.status >= 200 && xhr.status < 300) resolve(body as ImportAnswer);
        else reject(apiErrorFrom(xhr.status, body));
      };
      xhr.send(csv);
    });
  }

  /** Newest jobs first. */
  jobs(offset = 0, limit = 200): Promise<Page<JobSummary>> {
    return this.call(`/jobs?offset=${offset}&limit=${limit}`);
  }

  /** One job with its run and counts. */
  job(id: string): Promise<JobDetail> {
    return this.call(`/jobs/${encodeURIComponent(id)}`);
  }

  /** Every device's state and result. */
  result(id: string): Promise<JobResult> {
    return this.call(`/jobs/${encodeURIComponent(id)}/result`);
  }

  /** One device of a job: its rendered commands, state and result. */
  device(id: string, key: string): Promise<JobDeviceDetail> {
    return this.call(`/jobs/${encodeURIComponent(id)}/devices/${encodeURIComponent(key)}`);
  }

  /** Submits (and starts) a job. */
  submit(body: JobSubmissionInput, idempotencyKey: string): Promise<SubmitAnswer> {
    return this.call('/jobs', {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'idempotency-key': idempotencyKey },
    });
  }

  /** Pause, resume, cancel or terminate a job. */
  control(id: string, action: ControlAction): Promise<{ changed: boolean; status?: string }> {
    return this.call(`/jobs/${encodeURIComponent(id)}/${action}`, { method: 'POST', body: '{}' });
  }
}
