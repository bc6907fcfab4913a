import { z } from 'zod';
import { deviceResultSchema } from './device-result';
import { deviceViewSchema } from './device';
import { apiTokenInfoSchema, roleSchema } from './auth';
import { credentialProfileViewSchema } from './credential-profile';
import { fleetEventSchema } from './events';

/*
 * Response bodies of the REST API, as its clients parse them. They are loose objects: a field
 * the API adds later passes through, so an older client keeps working against a newer API.
 */

/** A page of a list route: `{ items, total, offset, limit }`. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.looseObject({
    items: z.array(item),
    total: z.number().int().min(0),
    offset: z.number().int().min(0),
    limit: z.number().int().min(1),
  });
}

/** A page of devices (`GET /devices`). */
export const devicePageSchema = pageSchema(deviceViewSchema);
/** A page of devices. */
export type DevicePage = z.infer<typeof devicePageSchema>;

/** One CSV row the importer refused, with its line number and every problem. */
export const rejectedRowSchema = z.looseObject({
  line: z.number().int(),
  problems: z.array(z.looseObject({ column: z.string(), message: z.string() })),
});

/** The answer to `POST /devices/import`. */
export const importResultSchema = z.looseObject({
  mode: z.enum(['replace', 'merge']),
  total: z.number().int().min(0),
  imported: z.number().int().min(0),
  created: z.number().int().min(0),
  updated: z.number().int().min(0),
  rejected: z.array(rejectedRowSchema),
});
/** What an import stored and refused. */
export type ImportResultView = z.infer<typeof importResultSchema>;

/** A job as the API lists it. */
export const jobViewSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  status: z.string(),
  actor: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
  targets: z.number().int().min(0),
  canary: z.string(),
});
/** A listed job. */
export type JobView = z.infer<typeof jobViewSchema>;

/** A page of jobs (`GET /jobs`, newest first). */
export const jobPageSchema = pageSchema(jobViewSchema);
/** A page of jobs. */
export type JobPage = z.infer<typeof jobPageSchema>;

/** One job with its submission, its run's control state and its devices counted by state. */
export const jobDetailSchema = jobViewSchema.extend({
  spec: z.unknown(),
  run: z.looseObject({
    control: z.string(),
    phase: z.string(),
    failures: z.number().int().min(0),
    total: z.number().int().min(0),
  }),
  counts: z.record(z.string(), z.number().int().min(0)),
});
/** A job's detail (`GET /jobs/{id}`). */
export type JobDetail = z.infer<typeof jobDetailSchema>;

/** The answer to `POST /jobs`: 201 with warnings, or 200 `replayed` for a retried key. */
export const jobSubmittedSchema = z.looseObject({
  job: jobViewSchema,
  warnings: z.array(z.unknown()).optional(),
  prod_devices: z.array(z.string()).optional(),
  replayed: z.boolean().optional(),
});
/** A submitted job. */
export type JobSubmitted = z.infer<typeof jobSubmittedSchema>;

/** A page of a job's events (`GET /jobs/{id}/events`). */
export const jobEventsPageSchema = z.looseObject({
  events: z.array(fleetEventSchema),
  truncated: z.boolean(),
});
/** A page of job events. */
export type JobEventsPage = z.infer<typeof jobEventsPageSchema>;

/** One device of a job's result: its state and, once it ended, its stored result. */
export const jobDeviceOutcomeSchema = z.looseObject({
  index: z.number().int().min(0),
  key: z.string(),
  state: z.string(),
  result: deviceResultSchema.nullable(),
});
/** One device's outcome. */
export type JobDeviceOutcome = z.infer<typeof jobDeviceOutcomeSchema>;

/** `GET /jobs/{id}/result`: every device's state and result (partial while running). */
export const jobResultSchema = z.looseObject({
  job: jobViewSchema,
  devices: z.array(jobDeviceOutcomeSchema),
});
/** A job's result. */
export type JobResultView = z.infer<typeof jobResultSchema>;

/** `GET /jobs/{id}/devices/{key}`: what the device was asked to do and what it did. */
export const jobDeviceDetailSchema = z.looseObject({
  index: z.number().int().min(0),
  state: z.string(),
  task: z.record(z.string(), z.unknown()),
  result: deviceResultSchema.nullable(),
});
/** One device of a job in detail. */
export type JobDeviceDetail = z.infer<typeof jobDeviceDetailSchema>;

/** The answer to `POST /jobs/{id}/{pause|resume|cancel|terminate}`. */
export const controlResultSchema = z.looseObject({
  id: z.string(),
  action: z.string(),
  status: z.string(),
  changed: z.boolean(),
});
/** A control action's outcome. */
export type ControlResult = z.infer<typeof controlResultSchema>;

/** The answer to `POST /tokens`: the token itself, shown this once. */
export const tokenCreatedSchema = z.looseObject({
  id: z.string(),
  token: z.string(),
  name: z.string(),
  role: roleSchema,
});
/** A freshly issued token. */
export type TokenCreated = z.infer<typeof tokenCreatedSchema>;

/** `GET /tokens`. */
export const tokenListSchema = z.looseObject({ items: z.array(apiTokenInfoSchema) });

/** `GET /credentials`. */
export const credentialListSchema = z.looseObject({
  items: z.array(credentialProfileViewSchema),
});
