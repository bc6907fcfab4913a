import {
  DEVICE_STATES,
  FAILURE_CODES,
  JOB_STATES,
  SKIP_REASONS,
  type DeviceState,
  type FailureCode,
  type JobState,
  type SkipReason,
} from '@fleetpush/domain';
import { z } from 'zod';
import { deviceKeySchema, isoTime } from './fields';

const jobState = z.enum(JOB_STATES as [JobState, ...JobState[]]);
const deviceState = z.enum(DEVICE_STATES as [DeviceState, ...DeviceState[]]);
const failureCode = z.enum(FAILURE_CODES as [FailureCode, ...FailureCode[]]);
const skipReason = z.enum(SKIP_REASONS as [SkipReason, ...SkipReason[]]);

/** Fields every event carries: the job, a per-job sequence number (1, 2, …, no gaps) and a time. */
const envelope = {
  jobId: z.string().min(1),
  seq: z.number().int().min(1),
  at: isoTime,
};

/** Counts of device tasks by state, as shown by progress bars and dashboards. */
export const deviceCountsSchema = z.partialRecord(deviceState, z.number().int().min(0));

/** The job was accepted. */
export const jobCreatedEvent = z.object({
  ...envelope,
  type: z.literal('job:created'),
  name: z.string(),
  targets: z.number().int().min(0),
  actor: z.string().optional(),
});

/** The job's lifecycle state changed. */
export const jobStatusEvent = z.object({
  ...envelope,
  type: z.literal('job:status'),
  from: jobState.nullable(),
  to: jobState,
  reason: z.string().optional(),
  actor: z.string().optional(),
});

/**
 * A second person approved a job the approval policy held (`FLEETPUSH_APPROVAL_POLICY`); a
 * `job:status` to `running` follows unless its change window opens later.
 */
export const jobApprovedEvent = z.object({
  ...envelope,
  type: z.literal('job:approved'),
  approvedBy: z.string(),
});

/** A wave started or completed. */
export const jobWaveEvent = z.object({
  ...envelope,
  type: z.literal('job:wave'),
  wave: z.number().int().min(0),
  size: z.number().int().min(0),
  phase: z.enum(['started', 'completed']),
});

/** The canary's verdict: the gate before any other device is touched. */
export const jobCanaryEvent = z.object({
  ...envelope,
  type: z.literal('job:canary'),
  deviceKey: deviceKeySchema,
  verdict: z.enum(['passed', 'failed']),
  awaitingApproval: z.boolean(),
});

/** The job reached a terminal state; always the last event of a job. */
export const jobFinishedEvent = z.object({
  ...envelope,
  type: z.literal('job:finished'),
  status: z.enum(['completed', 'failed', 'cancelled']),
  counts: deviceCountsSchema,
  durationMs: z.number().int().min(0),
  reason: z.string().optional(),
});

/** A device task changed state. */
export const deviceStatusEvent = z.object({
  ...envelope,
  type: z.literal('device:status'),
  deviceKey: deviceKeySchema,
  state: deviceState,
  attempt: z.number().int().min(0),
  code: failureCode.optional(),
  skipReason: skipReason.optional(),
  message: z.string().optional(),
});

/** A device is held by another run's lease; this run waits for it (it is not failed). */
export const deviceWaitingEvent = z.object({
  ...envelope,
  type: z.literal('device:waiting'),
  deviceKey: deviceKeySchema,
  heldByJobId: z.string(),
});

/** A device task's final result (the details are fetched from the API). */
export const deviceResultEvent = z.object({
  ...envelope,
  type: z.literal('device:result'),
  deviceKey: deviceKeySchema,
  state: z.enum(['succeeded', 'failed', 'skipped', 'aborted']),
  attempts: z.number().int().min(0),
  code: failureCode.optional(),
  skipReason: skipReason.optional(),
  message: z.string().optional(),
  /** Hash of the normalised diff, to group devices with identical changes. */
  diffHash: z.string().optional(),
  durationMs: z.number().int().min(0).optional(),
});

/** Device or job log lines, batched (per-line events would flood the stream). */
export const logEvent = z.object({
  ...envelope,
  type: z.literal('log'),
  deviceKey: deviceKeySchema.optional(),
  level: z.enum(['info', 'warn', 'error']),
  lines: z.array(z.string()).min(1),
});

/** Every event of a job, discriminated by `type`. */
export const fleetEventSchema = z.discriminatedUnion('type', [
  jobCreatedEvent,
  jobStatusEvent,
  jobApprovedEvent,
  jobWaveEvent,
  jobCanaryEvent,
  jobFinishedEvent,
  deviceStatusEvent,
  deviceWaitingEvent,
  deviceResultEvent,
  logEvent,
]);

/** One job event. */
export type FleetEvent = z.infer<typeof fleetEventSchema>;
/** The event type names. */
export type FleetEventType = FleetEvent['type'];
/** The event of a given type. */
export type FleetEventOf<T extends FleetEventType> = Extract<FleetEvent, { type: T }>;
/** An event before the store assigns its sequence number and time. */
export type NewFleetEvent = FleetEvent extends infer E
  ? E extends FleetEvent
    ? Omit<E, 'seq' | 'at'>
    : never
  : never;
