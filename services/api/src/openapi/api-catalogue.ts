import {
  activeJobsSchema,
  apiErrorSchema,
  auditPageSchema,
  controlRequestSchema,
  controlResponseSchema,
  credentialListSchema,
  credentialProfileInputSchema,
  credentialProfileViewSchema,
  devicePageSchema,
  deviceViewSchema,
  eventPageSchema,
  execRequestSchema,
  execResponseSchema,
  healthSchema,
  importResponseSchema,
  jobDetailSchema,
  jobDeviceSchema,
  jobPageSchema,
  jobPreviewSchema,
  jobRerunResponseSchema,
  jobResultSchema,
  jobRunAcceptedSchema,
  jobRunEndedSchema,
  jobSubmissionSchema,
  jobSubmitResponseSchema,
  jobUndoResponseSchema,
  presetInputSchema,
  presetListSchema,
  presetSchema,
  readinessSchema,
  rerunRequestSchema,
  tokenCreatedSchema,
  undoRequestSchema,
  tokenListSchema,
  CONTROL_ACTIONS,
  type Role,
  uiConfigSchema,
} from '@fleetpush/contracts';
import { z } from 'zod';
import { idempotencyKeySchema } from '../idempotency';
import { auditQuerySchema } from '../routes/audit-routes';
import { importQuerySchema } from '../imports/device-import';
import { deviceListQuerySchema } from '../routes/device-routes';
import { eventsQuerySchema, jobListQuerySchema } from '../routes/job-read-routes';
import { approveRequestSchema } from '../routes/job-approve-route';
import { runQuerySchema } from '../routes/job-run-route';
import { submitQuerySchema } from '../routes/job-submit-route';
import { presetListQuerySchema } from '../routes/preset-routes';
import { createTokenSchema } from '../routes/token-routes';

/** Who may call a route: nobody needs a token (`public`), or at least this role. */
export type RouteAccess = Role | 'public';

/** A body that is not JSON (CSV in or out). */
export interface TextBody {
  readonly mediaType: string;
  readonly description: string;
}

/** One route of the API, as the OpenAPI document describes it. */
export interface ApiRoute {
  readonly method: 'get' | 'post' | 'put' | 'delete';
  /** Express-style path relative to `base` (`/jobs/:id`). */
  readonly path: string;
  /** `/api/v1` for the REST API, `''` for the probes. */
  readonly base: '' | '/api/v1';
  readonly summary: string;
  readonly access: RouteAccess;
  readonly query?: z.ZodObject;
  /** Values each path parameter may take, when closed (`:action` of the control route). */
  readonly pathValues?: Readonly<Record<string, readonly string[]>>;
  readonly headers?: Readonly<Record<string, z.ZodType>>;
  readonly body?: z.ZodType | TextBody;
  /** The body may be left out (control actions). */
  readonly bodyOptional?: boolean;
  /** Success responses by status; `null` = no body. */
  readonly responses: Readonly<Record<number, z.ZodType | TextBody | null>>;
  /** Error statuses the route documents besides 401/403 (every route may 400/429/500). */
  readonly errors?: readonly number[];
}

const V1 = '/api/v1' as const;
const CSV: TextBody = { mediaType: 'text/csv', description: 'the inventory as CSV' };
const PROMETHEUS: TextBody = {
  mediaType: 'text/plain; version=0.0.4',
  description: 'Prometheus text exposition: counts and durations, no identifiers or secrets',
};
const NOT_FOUND = [404];

/**
 * Every route the API serves. The OpenAPI document is generated from this list, and a test
 * checks it against the routes registered in the express app, so that it cannot drift.
 */
export const API_ROUTES: readonly ApiRoute[] = [
  {
    method: 'get',
    path: '/healthz',
    base: '',
    summary: 'Liveness probe',
    access: 'public',
    responses: { 200: healthSchema },
  },
  {
    method: 'get',
    path: '/readyz',
    base: '',
    summary: 'Readiness probe (Redis answers)',
    access: 'public',
    responses: { 200: readinessSchema, 503: readinessSchema },
  },
  {
    method: 'get',
    path: '/ui-config',
    base: V1,
    summary: 'What the web UI needs after sign-in: the gateway URL and who the token is',
    access: 'viewer',
    responses: { 200: uiConfigSchema },
  },
  {
    method: 'get',
    path: '/metrics',
    base: '',
    summary: 'Prometheus metrics (requests, jobs by state, queue depth)',
    access: 'public',
    responses: { 200: PROMETHEUS },
  },
  {
    method: 'get',
    path: '/openapi.json',
    base: V1,
    summary: 'This OpenAPI 3.1 document',
    access: 'public',
    responses: { 200: z.record(z.string(), z.unknown()) },
  },
  {
    method: 'post',
    path: '/devices/import',
    base: V1,
    summary: 'Import a CSV inventory (replace or merge; all-or-nothing unless partial)',
    access: 'operator',
    query: importQuerySchema,
    body: CSV,
    responses: { 200: importResponseSchema },
    errors: [413, 415],
  },
  {
    method: 'get',
    path: '/devices',
    base: V1,
    summary: 'List devices (filters, pages)',
    access: 'viewer',
    query: deviceListQuerySchema,
    responses: { 200: devicePageSchema },
  },
  {
    method: 'get',
    path: '/devices/export.csv',
    base: V1,
    summary: 'Export the inventory as CSV (no secrets)',
    access: 'viewer',
    responses: { 200: CSV },
  },
  {
    method: 'get',
    path: '/devices/:key',
    base: V1,
    summary: 'One device (key URL-encoded)',
    access: 'viewer',
    responses: { 200: deviceViewSchema },
    errors: NOT_FOUND,
  },
  {
    method: 'delete',
    path: '/devices/:key',
    base: V1,
    summary: 'Delete one device',
    access: 'operator',
    responses: { 204: null },
    errors: NOT_FOUND,
  },
  {
    method: 'post',
    path: '/tokens',
    base: V1,
    summary: 'Issue an API token (shown once)',
    access: 'admin',
    body: createTokenSchema,
    responses: { 201: tokenCreatedSchema },
  },
  {
    method: 'get',
    path: '/tokens',
    base: V1,
    summary: 'List API tokens (never the tokens)',
    access: 'admin',
    responses: { 200: tokenListSchema },
  },
  {
    method: 'delete',
    path: '/tokens/:id',
    base: V1,
    summary: 'Revoke an API token',
    access: 'admin',
    responses: { 204: null },
    errors: NOT_FOUND,
  },
  {
    method: 'post',
    path: '/credentials',
    base: V1,
    summary: 'Create a credential profile (secrets sealed, never returned)',
    access: 'admin',
    body: credentialProfileInputSchema,
    responses: { 201: credentialProfileViewSchema },
    errors: [409],
  },
  {
    method: 'get',
    path: '/credentials',
    base: V1,
    summary: 'List credential profiles',
    access: 'admin',
    responses: { 200: credentialListSchema },
  },
  {
    method: 'get',
    path: '/credentials/:name',
    base: V1,
    summary: 'One credential profile',
    access: 'admin',
    responses: { 200: credentialProfileViewSchema },
    errors: NOT_FOUND,
  },
  {
    method: 'delete',
    path: '/credentials/:name',
    base: V1,
    summary: 'Delete a credential profile',
    access: 'admin',
    responses: { 204: null },
    errors: NOT_FOUND,
  },
  {
    method: 'post',
    path: '/jobs/preview',
    base: V1,
    summary: 'Preview a submission: rendered commands, unresolved variables, plan; stores nothing',
    access: 'operator',
    body: jobSubmissionSchema,
    responses: { 200: jobPreviewSchema },
  },
  {
    method: 'post',
    path: '/jobs',
    base: V1,
    summary: 'Submit a job (start=false stores it for /run; window.start_at schedules it)',
    access: 'operator',
    query: submitQuerySchema,
    headers: { 'Idempotency-Key': idempotencyKeySchema },
    body: jobSubmissionSchema,
    responses: { 201: jobSubmitResponseSchema, 200: jobSubmitResponseSchema },
    errors: [409],
  },
  {
    method: 'get',
    path: '/jobs',
    base: V1,
    summary: 'List jobs newest first (filters, pages)',
    access: 'viewer',
    query: jobListQuerySchema,
    responses: { 200: jobPageSchema },
  },
  {
    method: 'get',
    path: '/jobs/active',
    base: V1,
    summary: 'Jobs queued, running, paused or cancelling',
    access: 'viewer',
    responses: { 200: activeJobsSchema },
  },
  {
    method: 'get',
    path: '/jobs/:id',
    base: V1,
    summary: 'One job with its run state and device counts',
    access: 'viewer',
    responses: { 200: jobDetailSchema },
    errors: NOT_FOUND,
  },
  {
    method: 'delete',
    path: '/jobs/:id',
    base: V1,
    summary: 'Delete a finished job with its results, diffs and events (409 until it has finished)',
    access: 'admin',
    responses: { 204: null },
    errors: [404, 409],
  },
  {
    method: 'get',
    path: '/jobs/:id/events',
    base: V1,
    summary: "A job's events after a sequence number",
    access: 'viewer',
    query: eventsQuerySchema,
    responses: { 200: eventPageSchema },
    errors: NOT_FOUND,
  },
  {
    method: 'get',
    path: '/jobs/:id/result',
    base: V1,
    summary: "Every device's state and result (also while running)",
    access: 'viewer',
    responses: { 200: jobResultSchema },
    errors: NOT_FOUND,
  },
  {
    method: 'get',
    path: '/jobs/:id/devices/:key',
    base: V1,
    summary: "One device's task and result in a job",
    access: 'viewer',
    responses: { 200: jobDeviceSchema },
    errors: NOT_FOUND,
  },
  {
    method: 'post',
    path: '/jobs/:id/run',
    base: V1,
    summary: 'Start a job stored with start=false, or a scheduled one early; ?wait for its end',
    access: 'operator',
    query: runQuerySchema,
    responses: { 202: jobRunAcceptedSchema, 200: jobRunEndedSchema },
    errors: [404, 409],
  },
  {
    method: 'post',
    path: '/jobs/:id/approve',
    base: V1,
    summary:
      "A second person's approval of a job the approval policy holds (not its submitter's); it starts, or is scheduled",
    access: 'operator',
    query: runQuerySchema,
    body: approveRequestSchema,
    responses: { 202: jobRunAcceptedSchema, 200: jobRunEndedSchema },
    errors: [403, 404, 409],
  },
  {
    method: 'post',
    path: '/jobs/:id/rerun',
    base: V1,
    summary: 'Rerun an ended job on its devices that failed (a new job)',
    access: 'operator',
    body: rerunRequestSchema,
    responses: { 201: jobRerunResponseSchema },
    errors: [404, 409],
  },
  {
    method: 'post',
    path: '/jobs/:id/undo',
    base: V1,
    summary: 'Undo an ended job: its rollback_commands on the devices it changed (a new job)',
    access: 'operator',
    body: undoRequestSchema,
    responses: { 201: jobUndoResponseSchema },
    errors: [404, 409],
  },
  {
    method: 'post',
    path: '/jobs/:id/:action',
    base: V1,
    summary: 'Pause, resume, cancel or terminate a job',
    access: 'operator',
    pathValues: { action: CONTROL_ACTIONS },
    bodyOptional: true,
    body: controlRequestSchema,
    responses: { 200: controlResponseSchema },
    errors: [404, 409],
  },
  {
    method: 'get',
    path: '/presets',
    base: V1,
    summary: 'List presets (by OS model)',
    access: 'viewer',
    query: presetListQuerySchema,
    responses: { 200: presetListSchema },
  },
  {
    method: 'get',
    path: '/presets/:id',
    base: V1,
    summary: 'One preset',
    access: 'viewer',
    responses: { 200: presetSchema },
    errors: NOT_FOUND,
  },
  {
    method: 'post',
    path: '/presets',
    base: V1,
    summary: 'Create a preset (name unique per OS model)',
    access: 'operator',
    body: presetInputSchema,
    responses: { 201: presetSchema },
    errors: [409],
  },
  {
    method: 'put',
    path: '/presets/:id',
    base: V1,
    summary: 'Replace a preset',
    access: 'operator',
    body: presetInputSchema,
    responses: { 200: presetSchema },
    errors: [404, 409],
  },
  {
    method: 'delete',
    path: '/presets/:id',
    base: V1,
    summary: 'Delete a preset',
    access: 'operator',
    responses: { 204: null },
    errors: NOT_FOUND,
  },
  {
    method: 'get',
    path: '/audit',
    base: V1,
    summary: 'The audit log, newest first (filters, cursor pages)',
    access: 'admin',
    query: auditQuerySchema,
    responses: { 200: auditPageSchema },
  },
  {
    method: 'post',
    path: '/commands/exec',
    base: V1,
    summary: 'Run allow-listed read-only commands on one device',
    access: 'operator',
    body: execRequestSchema,
    responses: { 200: execResponseSchema },
    errors: [404, 502],
  },
];

/** The error body every error status carries. */
export const ERROR_BODY = apiErrorSchema;
