import {
  deviceViewSchema,
  devicePageSchema,
  importResponseSchema,
  type DevicePage,
  type DeviceView,
  type ImportResultView,
  type ReachabilityState,
} from '@fleetpush/contracts';
import { segment, type HttpTransport } from './http-transport';

/** Options of {@link DevicesApi.import}. */
export interface ImportOptions {
  /** `replace` (default) swaps the whole inventory; `merge` adds and updates. */
  readonly mode?: 'replace' | 'merge';
  /** Keep the valid rows and return the rejected ones (default: all or nothing). */
  readonly partial?: boolean;
  /**
   * `connect`: after storing, log in to every stored device and report it in the answer's
   * `connection` (the inventory is stored whatever the check finds). Default `none`.
   */
  readonly validate?: 'none' | 'connect';
  readonly signal?: AbortSignal;
}

/** Filters and page of {@link DevicesApi.list}. */
export interface DeviceListQuery {
  readonly tag?: string;
  readonly device_type?: string;
  readonly prod?: boolean;
  readonly text?: string;
  /** The latest connection check: `reachable`, `login_failed`, `unreachable` or `unchecked`. */
  readonly reachability?: ReachabilityState;
  readonly offset?: number;
  readonly limit?: number;
}

/** The inventory routes (`/devices`). */
export class DevicesApi {
  constructor(private readonly http: HttpTransport) {}

  /**
   * Imports a CSV inventory (`POST /devices/import`). All-or-nothing unless `partial`; with
   * `validate: 'connect'` the answer carries a `connection` report per device.
   */
  import(csv: string, options: ImportOptions = {}): Promise<ImportResultView> {
    return this.http.json(
      {
        method: 'POST',
        path: '/devices/import',
        query: { mode: options.mode, partial: options.partial, validate: options.validate },
        body: csv,
        contentType: 'text/csv',
        ...(options.signal && { signal: options.signal }),
      },
      importResponseSchema,
    );
  }

  /** One page of devices, filtered (`GET /devices`). */
  list(query: DeviceListQuery = {}): Promise<DevicePage> {
    return this.http.json(
      { method: 'GET', path: '/devices', query: { ...query } },
      devicePageSchema,
    );
  }

  /** One device by key (`host:port`, IPv6 bracketed). */
  get(key: string): Promise<DeviceView> {
    return this.http.json({ method: 'GET', path: `/devices/${segment(key)}` }, deviceViewSchema);
  }

  /** Removes a device from the inventory. */
  delete(key: string): Promise<void> {
    return this.http.empty({ method: 'DELETE', path: `/devices/${segment(key)}` });
  }

  /** The inventory as CSV, without secret columns (`GET /devices/export.csv`). */
  exportCsv(): Promise<string> {
    return this.http.text({ method: 'GET', path: '/devices/export.csv' });
  }
}
