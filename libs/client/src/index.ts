/**
 * @packageDocumentation
 * `@fleetpush/client`: the typed fleetpush SDK over REST (global `fetch`, browser-safe) and the
 * Socket.IO gateway, used by the CLI, the web UI and other services.
 */
export {
  FleetpushClient,
  FINAL_JOB_STATUSES,
  type FleetpushClientOptions,
  type AwaitJobOptions,
  type FinishedJob,
} from './fleetpush-client';
export { FleetpushApiError, FleetpushClientError, ClientErrorCode } from './errors';
export { DevicesApi, type ImportOptions, type DeviceListQuery } from './devices-api';
export {
  JobsApi,
  type SubmitOptions,
  type JobListQuery,
  type RunOptions,
  type RunOutcome,
} from './jobs-api';
export { PresetsApi } from './presets-api';
export { CommandsApi } from './commands-api';
export { AuditApi, type AuditQuery } from './audit-api';
export { TokensApi, CredentialsApi, type TokenRequest, type CredentialRequest } from './admin-api';
export { type JobWatch, type WatchOptions } from './job-watch';
export {
  HttpTransport,
  type HttpTransportOptions,
  type RequestOptions,
  type Query,
} from './http-transport';
