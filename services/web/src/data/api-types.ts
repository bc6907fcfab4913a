import type {
  DeviceView,
  ImportResultView,
  JobDetail,
  JobDeviceDetail,
  JobListItem,
  JobResultView,
  Problem,
  ReachabilityState,
  UiConfig,
} from '@fleetpush/contracts';

/** A page of a listing. */
export interface Page<T> {
  readonly items: T[];
  readonly total: number;
  readonly offset: number;
  readonly limit: number;
}

/** A job as the API lists it, with its devices counted by state. */
export type JobSummary = JobListItem;

/** The history's filters (empty: any), applied by the API. */
export interface JobFilter {
  /** One job status. */
  readonly status?: string;
  /** The submitter's token name, exactly. */
  readonly owner?: string;
  /** Text in the name (any case), or the start of the id. */
  readonly text?: string;
}

/** `GET /jobs/{id}/result`. */
export type JobResult = JobResultView;

/** One device of a job result. */
export type JobResultDevice = JobResultView['devices'][number];

/** A rejected CSV row, secrets redacted by the server. */
export interface RejectedRow {
  readonly line: number;
  readonly problems: readonly { column: string; message: string }[];
  readonly row: Readonly<Record<string, string>>;
}

/** `POST /devices/import` answer, rejected rows with their (redacted) cells. */
export interface ImportAnswer {
  readonly mode: ImportResultView['mode'];
  readonly total: number;
  readonly imported: number;
  readonly created: number;
  readonly updated: number;
  /** Devices the replace deleted (0 for a merge). */
  readonly removed: number;
  readonly rejected: RejectedRow[];
}

/** Filters of the device list. */
export interface DeviceFilter {
  readonly tag?: string;
  readonly device_type?: string;
  readonly prod?: boolean;
  readonly text?: string;
  /** The latest connection check (`GET /devices?reachability=`). */
  readonly reachability?: ReachabilityState;
}

export type { DeviceView, JobDetail, JobDeviceDetail, Problem, UiConfig };
