import { JOB_STATES, type JobState } from '@fleetpush/domain';
import { z } from 'zod';
import { problemSchema } from './api-error';
import { apiTokenInfoSchema, roleSchema } from './auth';
import { CONTROL_ACTIONS, type ControlAction } from './control';
import { auditEntrySchema } from './audit';
import { credentialProfileViewSchema } from './credential-profile';
import { deviceViewSchema } from './device';
import { deviceResultSchema } from './device-result';
import { deviceCountsSchema, fleetEventSchema } from './events';
import { isoTime } from './fields';
import { presetSchema } from './preset';

/**
 * Response bodies of the REST API, for the OpenAPI document and typed clients. The API builds
 * them from stored records; these schemas describe them (requests are the ones validated).
 */

/** A page of `item`: `{ items, total, offset, limit }`. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.looseObject({
    items: z.array(item),
    total: z.number().int(),
    offset: z.number().int(),
    limit: z.number().int(),
  });
}

/** A job state. */
export const jobStateSchema = z.enum(JOB_STATES as [JobState, ...JobState[]]);

/** A job as lists show it. */
export const jobViewSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  status: jobStateSchema,
  /** The submitter's token name. */
  actor: z.string(),
  created_at: isoTime,
  updated_at: isoTime,
  /** When the run started; null while the job is queued. */
  started_at: isoTime.nullable().optional(),
  /** When the job reached its terminal state; null until then. */
  finished_at: isoTime.nullable().optional(),
  targets: z.number().int(),
  canary: z.string(),
  /** When a scheduled job starts by itself (`window.start_at`); null or absent otherwise. */
  start_at: isoTime.nullable().optional(),
  /** When the job's change window closes (`window.end_at`); null or absent otherwise. */
  end_at: isoTime.nullable().optional(),
  /**
   * `pending` while the job waits for a second person's approval (`FLEETPUSH_APPROVAL_POLICY`),
   * then `approved`; null or absent when none was needed.
   */
  approval: z.enum(['pending', 'approved']).nullable().optional(),
  /** Who approved the job, once approved. */
  approved_by: z.string().nullable().optional(),
  /**
   * Why the job stopped starting devices, once ended so: its never-started devices' skip reason
   * (`canary_failed`, `budget_exceeded`, `cancelled`, `window_closed`); null or absent otherwise.
   */
  end_reason: z.string().nullable().optional(),
});

/**
 * A job as the lists give it (`GET /jobs`, `GET /jobs/active`): the view and its devices counted
 * by state (`counts` is absent from an API older than 2026-12-07).
 */
export const jobListItemSchema = jobViewSchema.extend({ counts: deviceCountsSchema.optional() });

/** A job with its submission, run state and devices counted by state (`GET /jobs/{id}`). */
export const jobDetailSchema = jobViewSchema.extend({
  spec: z.record(z.string(), z.unknown()),
  run: z.looseObject({
    control: z.string(),
    phase: z.string(),
    failures: z.number().int(),
    total: z.number().int(),
    /** Devices in flight now (dispatched, not yet ended). Absent from APIs older than 2026-12-08. */
    in_flight: z.number().int().optional(),
    /**
     * Devices of the current wave held back because a group of theirs (`strategy.limits`) is at
     * its cap; 0 without limits. Absent from APIs older than 2026-12-08.
     */
    held_by_limits: z.number().int().optional(),
  }),
  counts: deviceCountsSchema,
});

/** `POST /jobs` (201, or 200 with `replayed` for a retried `Idempotency-Key`). */
export const jobSubmitResponseSchema = z.looseObject({
  job: jobViewSchema,
  warnings: z.array(z.looseObject({ detail: z.string() }).loose()).optional(),
  prod_devices: z.array(z.string()).optional(),
  replayed: z.boolean().optional(),
});

/** `POST /jobs/{id}/rerun` (201): the new job, and the job it reruns. */
export const jobRerunResponseSchema = jobSubmitResponseSchema.extend({ rerun_of: z.string() });

/** `POST /jobs/{id}/undo` (201): the new job, and the job it undoes. */
export const jobUndoResponseSchema = jobSubmitResponseSchema.extend({ undo_of: z.string() });

/** One device of a job's result. */
export const jobResultDeviceSchema = z.looseObject({
  index: z.number().int(),
  key: z.string(),
  state: z.string(),
  result: deviceResultSchema.nullable(),
});

/** `GET /jobs/{id}/result`. */
export const jobResultSchema = z.looseObject({
  job: jobViewSchema,
  devices: z.array(jobResultDeviceSchema),
});

/** `POST /jobs/{id}/run?wait`: 200 (ended in time) with the final job and results. */
export const jobRunEndedSchema = z.looseObject({
  job: jobDetailSchema,
  devices: z.array(jobResultDeviceSchema),
});

/** `POST /jobs/{id}/run`: 202, started (and, with `wait`, not ended yet). */
export const jobRunAcceptedSchema = z.looseObject({ job: jobViewSchema });

/** `GET /jobs/{id}/devices/{key}`: what the device was asked to do (no credentials) and its result. */
export const jobDeviceSchema = z.looseObject({
  index: z.number().int(),
  state: z.string(),
  task: z.record(z.string(), z.unknown()),
  result: deviceResultSchema.nullable(),
});

/** `GET /jobs/{id}/events`. */
export const eventPageSchema = z.looseObject({
  events: z.array(fleetEventSchema),
  /** Events after `since` were trimmed by the stream cap. */
  truncated: z.boolean(),
});

/** `GET /jobs/active`. */
export const activeJobsSchema = z.looseObject({
  items: z.array(jobListItemSchema),
  total: z.number().int(),
});

/** `POST /jobs/{id}/{action}`. */
export const controlResponseSchema = z.looseObject({
  id: z.string(),
  action: z.enum(CONTROL_ACTIONS as [ControlAction, ...ControlAction[]]),
  status: z.string(),
  /** False when the job was in that state already. */
  changed: z.boolean(),
});

/** A device as `POST /jobs/preview` shows it. */
export const previewDeviceSchema = z.looseObject({
  key: z.string(),
  name: z.string().optional(),
  platform: z.string(),
  prod: z.boolean(),
  canary: z.boolean(),
  commands: z.array(z.string()).nullable(),
  verify: z.array(z.string()).nullable(),
  unresolved: z.array(z.string()),
  unsafe: z.array(z.string()),
});

/** `POST /jobs/preview`. */
export const jobPreviewSchema = z.looseObject({
  ok: z.boolean(),
  problems: z.array(problemSchema),
  warnings: z.array(z.looseObject({ detail: z.string() })),
  prod_devices: z.array(z.string()),
  plan: z
    .object({
      canary: z.string(),
      waves: z.array(z.number().int()),
      concurrency: z.number().int(),
      stagger_ms: z.number().int(),
      /**
       * What each of `strategy.limits` covers among the targets, in its order (absent from an
       * API older than 2026-12-08): a rule covering no device is usually a typo.
       */
      limits: z
        .array(
          z.object({
            rule: z.string(),
            concurrency: z.number().int(),
            groups: z.number().int(),
            devices: z.number().int(),
          }),
        )
        .optional(),
    })
    .nullable(),
  devices: z.array(previewDeviceSchema),
  /** The least role that may submit it (`admin` when production devices are targeted). */
  needs_role: roleSchema,
  /**
   * Whether the approval policy will hold it until someone other than its submitter approves it
   * (absent from an API older than 2026-12-08).
   */
  needs_approval: z.boolean().optional(),
});

/** A rejected CSV row: its line, what is wrong, its cells (secrets `[redacted]`). */
export const rejectedRowSchema = z.looseObject({
  line: z.number().int(),
  problems: z.array(z.looseObject({ column: z.string(), message: z.string() })),
  row: z.record(z.string(), z.string()),
});

/** One device of a `validate=connect` import's connection check. */
export const deviceConnectionSchema = z.looseObject({
  key: z.string(),
  /** The SSH port answered. */
  reachable: z.boolean(),
  /** Logged in and reached a prompt (enable included). */
  login: z.boolean(),
  /** A failure code (`auth_failed`, `connection_refused`, …); `null` when the login worked. */
  error_code: z.string().nullable(),
});

/** The connection check of a `validate=connect` import. */
export const connectionReportSchema = z.looseObject({
  checked: z.number().int(),
  reachable: z.number().int(),
  login_ok: z.number().int(),
  devices: z.array(deviceConnectionSchema),
});

/** `POST /devices/import` (`connection` only with `validate=connect`). */
export const importResponseSchema = z.looseObject({
  mode: z.enum(['replace', 'merge']),
  total: z.number().int(),
  imported: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  /** Devices a replace deleted (in the inventory, not in the CSV); 0 for a merge. */
  removed: z.number().int().optional(),
  rejected: z.array(rejectedRowSchema),
  connection: connectionReportSchema.optional(),
});

/** `GET /devices`. */
export const devicePageSchema = pageOf(deviceViewSchema);

/** `POST /tokens` (201): the token, shown this once. */
export const tokenCreatedSchema = z.looseObject({
  id: z.string(),
  token: z.string(),
  name: z.string(),
  role: roleSchema,
});

/** `GET /tokens`. */
export const tokenListSchema = z.looseObject({ items: z.array(apiTokenInfoSchema) });

/** `GET /credentials`. */
export const credentialListSchema = z.looseObject({ items: z.array(credentialProfileViewSchema) });

/** `GET /presets`: presets by OS model, then name. */
export const presetListSchema = z.looseObject({ items: z.array(presetSchema) });

/** `GET /audit`: entries newest first; `next` is the `before` cursor of the next page. */
export const auditPageSchema = z.looseObject({
  items: z.array(auditEntrySchema),
  next: z.string().nullable(),
});

/** `GET /healthz`. */
export const healthSchema = z.looseObject({ status: z.literal('ok') });

/** `GET /readyz` (200 ready, 503 not). */
export const readinessSchema = z.looseObject({
  status: z.enum(['ready', 'not_ready']),
  checks: z.looseObject({ redis: z.boolean() }),
});

/** A page of devices (`GET /devices`). */
export type DevicePage = z.infer<typeof devicePageSchema>;
/** The 200 of an import (`POST /devices/import`). */
export type ImportResultView = z.infer<typeof importResponseSchema>;
/** A job as lists show it. */
export type JobView = z.infer<typeof jobViewSchema>;
/** A job of a list, with its devices counted by state. */
export type JobListItem = z.infer<typeof jobListItemSchema>;
/** A page of jobs (`GET /jobs`). */
export const jobPageSchema = pageOf(jobListItemSchema);
/** A page of jobs (`GET /jobs`). */
export type JobPage = z.infer<typeof jobPageSchema>;
/** One job with its submission and counts (`GET /jobs/{id}`). */
export type JobDetail = z.infer<typeof jobDetailSchema>;
/** The 201 of `POST /jobs/{id}/undo`. */
export type JobUndoSubmitted = z.infer<typeof jobUndoResponseSchema>;
/** The 201 of `POST /jobs/{id}/rerun`. */
export type JobRerunSubmitted = z.infer<typeof jobRerunResponseSchema>;
/** The 201/200 of a submission (`POST /jobs`). */
export type JobSubmitted = z.infer<typeof jobSubmitResponseSchema>;
/** A page of a job's events (`GET /jobs/{id}/events`). */
export type JobEventsPage = z.infer<typeof eventPageSchema>;
/** One device of a job's result. */
export type JobDeviceOutcome = z.infer<typeof jobResultDeviceSchema>;
/** A job's result (`GET /jobs/{id}/result`). */
export type JobResultView = z.infer<typeof jobResultSchema>;
/** One device of a job in detail (`GET /jobs/{id}/devices/{key}`). */
export type JobDeviceDetail = z.infer<typeof jobDeviceSchema>;
/** The answer to a control action (`POST /jobs/{id}/pause|resume|cancel|terminate`). */
export type ControlResult = z.infer<typeof controlResponseSchema>;
/** A token created (`POST /tokens`): the only time the secret is shown. */
export type TokenCreated = z.infer<typeof tokenCreatedSchema>;
/** The connection check of a `validate=connect` import. */
export type ConnectionReport = z.infer<typeof connectionReportSchema>;
/** The 200 of `POST /jobs/preview`. */
export type JobPreview = z.infer<typeof jobPreviewSchema>;
/** The 202 of `POST /jobs/{id}/run`: started, not ended (yet). */
export type JobRunAccepted = z.infer<typeof jobRunAcceptedSchema>;
/** The 200 of `POST /jobs/{id}/run?wait`: ended in time, with every device's result. */
export type JobRunEnded = z.infer<typeof jobRunEndedSchema>;
/** `GET /jobs/active`. */
export type ActiveJobs = z.infer<typeof activeJobsSchema>;
/** A page of the audit log (`GET /audit`). */
export type AuditPage = z.infer<typeof auditPageSchema>;
