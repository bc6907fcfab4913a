import { toleratedFailures, type FailureBudget, type RunPlan } from '@fleetpush/domain';
import type { Redis } from 'ioredis';
import { APPEND_EVENTS_LUA } from '../append-events.lua';
import type { DeviceGroups } from '../jobs/group-limits';
import type { RedisKeys } from '../redis-keys';

/** Everything stored when a job is accepted. Nothing in it may be a clear-text secret. */
export interface NewJob {
  readonly id: string;
  readonly name: string;
  readonly actor: string;
  readonly createdAt: Date;
  /** The validated submission (the audit record of what was asked). */
  readonly spec: unknown;
  /** Devices by index: key and the device task (rendered commands, platform, options). */
  readonly devices: readonly { readonly key: string; readonly task: unknown }[];
  /** The run plan over device indexes. */
  readonly plan: RunPlan;
  readonly concurrency: number;
  readonly staggerMs: number;
  readonly budget: FailureBudget;
  readonly pauseAfterCanary: boolean;
  /**
   * Store without starting: the job waits `queued` in `heldJobs` (not `activeJobs`, whose
   * queued jobs the reconciler starts) until someone starts it.
   */
  readonly held?: boolean;
  /**
   * Start by itself at this instant (a change window's `start_at` ahead of now): stored held,
   * and scheduled for the reconciler.
   */
  readonly startAt?: Date;
  /** From this instant on no device starts (the change window's `end_at`). */
  readonly endAt?: Date;
  /**
   * Wait for a second person's approval (`approval: pending` on the record): stored held, and
   * scheduled (`startAt`) only once approved (see `approveJob`).
   */
  readonly awaitingApproval?: boolean;
  /** The devices' groups under `strategy.limits`; absent = no group limits. */
  readonly groups?: DeviceGroups;
}

/** Rows per Redis command when writing large jobs (keeps each command's argument list small). */
const CHUNK = 1000;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

function waveSpecs(job: NewJob): string[] {
  return job.plan.waves.map((wave) => {
    const tolerated = toleratedFailures(job.budget, wave.length);
    return `${wave.length} ${Number.isFinite(tolerated) ? tolerated : -1}`;
  });
}

function initialRun(job: NewJob): Record<string, string | number> {
  return {
    phase: 'canary',
    control: 'running',
    waveIndex: 0,
    waveCount: job.plan.waves.length,
    notStartedInWave: 1,
    inFlight: 0,
    waveFailures: 0,
    failures: 0,
    concurrency: job.concurrency,
    staggerUs: job.staggerMs * 1000,
    nextSlotUs: 0,
    lastStartUs: 0,
    canaryOutcome: '',
    pauseAfterCanary: job.pauseAfterCanary ? 1 : 0,
    awaitingApproval: 0,
    status: '',
    skipReason: '',
    startedAtMs: 0,
    total: job.devices.length,
    endAtMs: job.endAt?.getTime() ?? 0,
    stopReason: '',
    ...(job.groups ? { grouped: 1, parked: 0 } : {}),
  };
}

/** The groups hash: each group's cap and each covered device's group ids (see `JobKeys.groups`). */
function groupFields(groups: DeviceGroups): Record<string, string | number>[] {
  const caps = groups.caps.map((cap, i) => [`c${i + 1}`, cap] as const);
  const members = groups.ofDevice
    .map((ids, i) => [`d${i}`, ids.join(' ')] as const)
    .filter(([, ids]) => ids !== '');
  return chunks([...caps, ...members]).map((part) => Object.fromEntries(part));
}

/**
 * Stores a new job `queued`, with its devices, plan and first events, in one MULTI/EXEC: a
 * reader sees all of it or none of it.
 */
export async function createJob(
  redis: Redis,
  keys: RedisKeys,
  job: NewJob,
  maxEvents = 200_000,
): Promise<void> {
  const k = keys.job(job.id);
  const at = job.createdAt.toISOString();
  const canary = job.devices[job.plan.canary];
  const multi = redis.multi();
  multi.hset(k.record, {
    id: job.id,
    name: job.name,
    status: 'queued',
    actor: job.actor,
    created_at: at,
    updated_at: at,
    targets: job.devices.length,
    canary: canary?.key ?? '',
    spec: JSON.stringify(job.spec),
    ...(job.startAt ? { start_at: job.startAt.toISOString() } : {}),
    ...(job.endAt ? { end_at: job.endAt.toISOString() } : {}),
    ...(job.awaitingApproval ? { approval: 'pending' } : {}),
  });
  multi.hset(k.run, initialRun(job));
  const indexes = job.devices.map((_, i) => i);
  for (const part of chunks(indexes)) {
    multi.hset(k.deviceKeys, Object.fromEntries(part.map((i) => [i, job.devices[i]!.key])));
    multi.hset(
      k.deviceTasks,
      Object.fromEntries(part.map((i) => [i, JSON.stringify(job.devices[i]!.task)])),
    );
    multi.hset(k.deviceState, Object.fromEntries(part.map((i) => [i, 'pending'])));
  }
  multi.hset(k.deviceCounts, 'pending', job.devices.length);
  if (job.groups) for (const fields of groupFields(job.groups)) multi.hset(k.groups, fields);
  for (const part of chunks([job.plan.canary, ...job.plan.waves.flat()]))
    multi.rpush(k.pending, ...part);
  if (job.plan.waves.length > 0) multi.rpush(k.waves, ...waveSpecs(job));
  multi.zadd(keys.jobIndex, job.createdAt.getTime(), job.id);
  const held = job.held === true || job.startAt !== undefined || job.awaitingApproval === true;
  multi.sadd(held ? keys.heldJobs : keys.activeJobs, job.id);
  if (job.startAt && !job.awaitingApproval)
    multi.zadd(keys.scheduledJobs, job.startAt.getTime(), job.id);
  const created = {
    type: 'job:created',
    jobId: job.id,
    at,
    name: job.name,
    targets: job.devices.length,
    actor: job.actor,
  };
  const queued = {
    type: 'job:status',
    jobId: job.id,
    at,
    from: null,
    to: 'queued',
    actor: job.actor,
  };
  multi.eval(
    APPEND_EVENTS_LUA,
    3,
    k.eventSeq,
    k.events,
    k.run,
    maxEvents,
    keys.eventsChannel,
    JSON.stringify(created),
    JSON.stringify(queued),
  );
  const results = await multi.exec();
  const failed = results?.find(([error]) => error !== null);
  if (!results || failed) throw new Error(`storing job ${job.id} failed`, { cause: failed?.[0] });
}
