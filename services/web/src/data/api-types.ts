import type { DeviceResult, DeviceView, Problem } from '@fleetpush/contracts';

/** A page of a listing. */
export interface Page<T> {
  readonly items: T[];
  readonly total: number;
  readonly offset: number;
  readonly limit: number;
}

/** A job as the API lists it. */
export interface JobSummary {
  readonly id: string;
  readonly name: string;
  readonly status: string;
  readonly actor: string;
  readonly created_at: string;
  readonly updated_at: string;
  readonly targets: number;
  readonly canary: string;
}

/** A job with its submission, run state and device counts (`GET /jobs/{id}`). */
export interface JobDetail extends JobSummary {
  readonly spec: Record<string, unknown> | null;
  readonly run: { control: string; phase: string; failures: number; total: number };
  readonly counts: Record<string, number>;
}

/** One device of a job result. */
export interface JobResultDevice {
  readonly index: number;
  readonly key: string;
  readonly state: string;
  readonly result: DeviceResult | null;
}

/** `GET /jobs/{id}/result`. */
export interface JobResult {
  readonly job: JobSummary;
  readonly devices: JobResultDevice[];
}

/** `GET /jobs/{id}/devices/{key}`: what the device was asked to do and its result. */
export interface JobDeviceDetail {
  readonly index: number;
  readonly state: string;
  readonly task: { commands?: string[]; verify?: string[]; canary?: boolean; [k: string]: unknown };
  readonly result: DeviceResult | null;
}

/** A rejected CSV row, secrets redacted by the server. */
export interface RejectedRow {
  readonly line: number;
  readonly problems: { column: string; message: string }[];
  readonly row: Record<string, string>;
}

/** `POST /devices/import` answer. */
export interface ImportAnswer {
  readonly mode: string;
  readonly total: number;
  readonly imported: number;
  readonly created: number;
  readonly updated: number;
  readonly rejected: RejectedRow[];
}

/** `POST /jobs` answer. */
export interface SubmitAnswer {
  readonly job: JobSummary;
  readonly warnings: unknown[];
  readonly prod_devices: string[];
}

/** What `/api/v1/ui-config` tells the UI (where the gateway is). */
export interface UiConfig {
  /** Gateway origin; `null` = the page's own origin (gateway mounted on the API's server). */
  readonly gatewayUrl: string | null;
  /** Who the token is. */
  readonly principal: { readonly name: string; readonly role: 'viewer' | 'operator' | 'admin' };
}

/** Filters of the device list. */
export interface DeviceFilter {
  readonly tag?: string;
  readonly device_type?: string;
  readonly prod?: boolean;
  readonly text?: string;
}

export type { DeviceView, Problem };
