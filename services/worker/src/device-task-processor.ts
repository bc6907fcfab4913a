import type { DeviceResult, DeviceTaskPayload } from '@fleetpush/contracts';
import { retryDelayMs, retryPolicy, shouldRetry, type RetryPolicy } from '@fleetpush/domain';
import type { DeviceTaskQueue } from '@fleetpush/queue';
import type { Logger, WorkerMetrics } from '@fleetpush/runtime';
import {
  leaseOwner,
  type BeginReply,
  type DeviceLeases,
  type Dispatch,
  type EventLog,
  type RunCoordinator,
} from '@fleetpush/store';
import type { ControlListener } from './control-listener';
import type { DeviceContext, DeviceContextLoader } from './device-context';
import { DevicePipeline, type PipelineOutcome } from './device-pipeline';
import { LeaseKeeper } from './lease-keeper';
import { ShutdownError, StaleDeliveryError } from './errors';
import type { JobOptions } from './job-options';
import { LogBatcher } from './log-batcher';
import type { SessionOpener } from './session-opener';
import { sleep } from './sleep';

/** How often a device held by another run's lease is asked for again. */
const LEASE_POLL_MS = 250;

/** Everything the processor works with. */
export interface ProcessorDeps {
  readonly coordinator: RunCoordinator;
  readonly contexts: DeviceContextLoader;
  readonly queue: DeviceTaskQueue;
  readonly events: EventLog;
  readonly leases: DeviceLeases;
  readonly sessions: SessionOpener;
  readonly control: ControlListener;
  readonly logger: Logger;
  /** This worker's id, recorded in each device result. */
  readonly workerId: string;
  readonly random?: () => number;
  /** Counts devices this worker ended, by outcome and failure code, and their durations. */
  readonly metrics?: WorkerMetrics;
}

type Begun = Extract<BeginReply, { kind: 'go' | 'recover' }>;

function policyOf(options: JobOptions): RetryPolicy {
  const policy = retryPolicy({
    attempts: options.retry.attempts,
    baseDelayMs: options.retry.backoff_ms,
    maxDelayMs: options.retry.max_backoff_ms,
    retryAfterApply: options.retry.after_apply,
  });
  if (!policy.ok) throw new Error(`invalid retry policy: ${JSON.stringify(policy.error)}`);
  return policy.value;
}

/**
 * Runs one delivery of a device task: takes the device's lease, passes the coordinator's
 * `begin` (fencing, pause/cancel, stagger), runs the SSH pipeline with the journal written
 * before each phase, then retries or completes the device and enqueues what the run
 * dispatches next. Terminate aborts the session; a shutdown leaves the device to recovery.
 */
export class DeviceTaskProcessor {
  constructor(private readonly deps: ProcessorDeps) {}

  /** The BullMQ processor. */
  async process(payload: DeviceTaskPayload, signal: AbortSignal): Promise<void> {
    const ctx = await this.deps.contexts.load(payload.jobId, payload.deviceIndex);
    if (!ctx) return;
    const dispatch: Dispatch = { deviceIndex: payload.deviceIndex, generation: payload.generation };
    const owner = leaseOwner(
      payload.jobId,
      payload.deviceIndex,
      payload.generation,
      this.deps.workerId,
    );
    // made on first use: a child logger costs its bindings' redaction, and most devices log nothing here
    let child: Logger | undefined;
    const log = (): Logger =>
      (child ??= this.deps.logger.child({
        jobId: ctx.jobId,
        deviceKey: ctx.task.key,
        generation: dispatch.generation,
      }));
    let keeper: LeaseKeeper | undefined;
    const logs = new LogBatcher(this.deps.events, ctx.jobId, ctx.task.key);
    // released once, whichever path asks first; later calls wait for that release
    let leaseReleased: Promise<void> | undefined;
    const releaseLease = (): Promise<void> => {
      keeper?.stop();
      return (leaseReleased ??= this.deps.leases
        .release(ctx.task.key, owner)
        .catch(() => undefined));
    };
    try {
      const begun = await this.begin(ctx, dispatch, owner, signal, () => {
        keeper ??= this.keepLease(ctx.task.key, owner, log);
      });
      if (!begun) return;
      const startedAt = new Date();
      const outcome = await this.attempt(ctx, dispatch, begun, owner, signal, logs);
      const next = await this.settle(ctx, dispatch, begun.attempt, outcome, startedAt, logs, () => {
        void releaseLease();
      });
      await Promise.all([releaseLease(), this.enqueue(ctx.jobId, next)]);
    } catch (error) {
      if (error instanceof StaleDeliveryError) return log().info('delivery superseded; dropped');
      if (error instanceof ShutdownError)
        log().warn('worker shutting down; device left to recovery');
      throw error;
    } finally {
      // lines a journal step or the completion did not carry (a retry, a stale delivery)
      await logs.close();
      await releaseLease();
    }
  }

  /** Renews the device's lease and the session slot while the task runs. */
  private keepLease(deviceKey: string, owner: string, log: () => Logger): LeaseKeeper {
    return new LeaseKeeper(
      async () => {
        const [held] = await Promise.all([
          this.deps.leases.renew(deviceKey, owner),
          this.deps.sessions.renew(owner),
        ]);
        return held;
      },
      Math.max(100, Math.floor(this.deps.leases.ttlMs / 3)),
      () => log().warn('device lease lost while the task runs (renewal found it gone)'),
    );
  }

  private async begin(
    ctx: DeviceContext,
    dispatch: Dispatch,
    owner: string,
    signal: AbortSignal,
    onLeased: () => void,
  ): Promise<Begun | null> {
    let announced = false;
    let leased = false;
    for (;;) {
      if (!leased) {
        const lease = await this.deps.leases.acquire(ctx.task.key, owner);
        if (!lease.acquired) {
          if (!announced) await this.announceWaiting(ctx, lease.heldBy);
          announced = true;
          await sleep(LEASE_POLL_MS, signal);
          continue;
        }
        // held from here on: renewed in the background, through stagger waits too
        leased = true;
        onLeased();
      }
      const reply = await this.deps.coordinator.begin(ctx.jobId, dispatch);
      if (reply.kind === 'go' || reply.kind === 'recover') return reply;
      if (reply.kind !== 'wait') return null;
      await sleep(reply.ms, signal);
    }
  }

  private async announceWaiting(ctx: DeviceContext, heldBy: string): Promise<void> {
    const heldByJobId = heldBy.split('|')[0] ?? heldBy;
    await this.deps.events.append(ctx.jobId, [
      { type: 'device:waiting', jobId: ctx.jobId, deviceKey: ctx.task.key, heldByJobId },
    ]);
  }

  private async attempt(
    ctx: DeviceContext,
    dispatch: Dispatch,
    begun: Begun,
    owner: string,
    signal: AbortSignal,
    logs: LogBatcher,
  ): Promise<PipelineOutcome> {
    const job = this.deps.control.acquire(ctx.jobId);
    const deadline = AbortSignal.timeout(ctx.options.timeouts.device_ms);
    const sessionSignal = AbortSignal.any([signal, job.signal, deadline]);
    const pipeline = new DevicePipeline({
      task: ctx.task,
      options: ctx.options,
      journaled: begun.kind === 'go' ? 'connecting' : (begun.state as 'connecting'),
      recovering: begun.kind === 'recover',
      open: () =>
        this.deps.sessions.open(ctx.task, ctx.options, owner, sessionSignal, (line) =>
          logs.push(line),
        ),
      journal: async (state) => {
        const lines = await logs.drain();
        const reply = await this.deps.coordinator.journal(ctx.jobId, dispatch, state, lines);
        if (reply.kind !== 'ok') throw new StaleDeliveryError(`journal ${state}: ${reply.kind}`);
        if (reply.control === 'terminating') this.deps.control.terminate(ctx.jobId);
        if (job.signal.aborted) throw new Error('terminated');
      },
    });
    try {
      const outcome = await pipeline.run();
      if (signal.aborted) throw new ShutdownError('worker is shutting down');
      if (job.signal.aborted)
        return {
          ...outcome,
          outcome: 'failed',
          code: 'aborted',
          message: 'terminated by an operator',
        };
      if (deadline.aborted)
        return {
          ...outcome,
          code: 'device_timeout',
          message: `device deadline of ${ctx.options.timeouts.device_ms} ms passed`,
        };
      return outcome;
    } finally {
      job.release();
      // not awaited: the slot's release goes out with the completion (auto-pipelined, in order)
      void this.deps.sessions.release(owner).catch(() => undefined);
    }
  }

  /**
   * Retries the device or completes it exactly once; returns the devices the run dispatches
   * next. `completing` runs right after the completion is sent, before its reply: what it
   * sends shares the completion's round trip and comes after it.
   */
  private async settle(
    ctx: DeviceContext,
    dispatch: Dispatch,
    attempt: number,
    outcome: PipelineOutcome,
    startedAt: Date,
    logs: LogBatcher,
    completing: () => void,
  ): Promise<readonly Dispatch[]> {
    if (
      outcome.outcome === 'failed' &&
      outcome.code !== 'aborted' &&
      (await this.retried(ctx, dispatch, attempt, outcome, logs))
    )
      return [];
    const state = outcome.code === 'aborted' ? 'aborted' : outcome.outcome;
    const finishedAt = new Date();
    const durationMs = finishedAt.getTime() - startedAt.getTime();
    const result: DeviceResult = {
      ...outcome.record,
      state,
      attempts: attempt,
      ...(outcome.code ? { code: outcome.code, message: outcome.message } : {}),
      started_at: startedAt.toISOString(),
      finished_at: finishedAt.toISOString(),
      duration_ms: durationMs,
      worker: this.deps.workerId,
    };
    const diffHash = result.diff?.status === 'changed' ? result.diff.hash : undefined;
    const event = {
      deviceKey: ctx.task.key,
      state,
      attempts: attempt,
      code: outcome.code,
      message: outcome.message,
      diffHash,
      durationMs,
    };
    const lastLines = await logs.drain();
    const completion = this.deps.coordinator.complete(
      ctx.jobId,
      dispatch,
      state,
      result,
      stripUndefined(event),
      lastLines,
    );
    completing();
    const reply = await completion;
    if (reply.kind !== 'ok') return [];
    this.deps.metrics?.deviceFinished(state, outcome.code, durationMs / 1_000);
    return reply.dispatch;
  }

  private async retried(
    ctx: DeviceContext,
    dispatch: Dispatch,
    attempt: number,
    outcome: PipelineOutcome,
    logs: LogBatcher,
  ): Promise<boolean> {
    const policy = policyOf(ctx.options);
    const failure = {
      code: outcome.code ?? 'internal_error',
      configMayHaveChanged: outcome.configMayHaveChanged,
      attempt,
      isCanary: ctx.task.isCanary,
    };
    if (!shouldRetry(policy, failure)) return false;
    const delayMs = retryDelayMs(policy, attempt, this.deps.random ?? Math.random);
    // the failed attempt's last lines come before the retry's status event
    await logs.close();
    const reply = await this.deps.coordinator.retry(
      ctx.jobId,
      dispatch,
      `attempt ${attempt} failed (${failure.code}); retrying in ${delayMs} ms`,
    );
    if (reply.kind === 'stopping') return false;
    if (reply.kind === 'ok') {
      const next = {
        jobId: ctx.jobId,
        runId: ctx.jobId,
        deviceIndex: dispatch.deviceIndex,
        generation: reply.generation,
      };
      await this.deps.queue.enqueue([next], { delayMs });
    }
    return true;
  }

  /** Hands dispatched devices to the queue (nothing to do for none). */
  async enqueue(jobId: string, dispatch: readonly Dispatch[]): Promise<void> {
    await this.deps.queue.enqueue(
      dispatch.map((d) => ({
        jobId,
        runId: jobId,
        deviceIndex: d.deviceIndex,
        generation: d.generation,
      })),
    );
  }
}

function stripUndefined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
