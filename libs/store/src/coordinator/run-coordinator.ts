import type { ControlAction, NewFleetEvent } from '@fleetpush/contracts';
import type { DeviceOutcome, DeviceState } from '@fleetpush/domain';
import type { Redis } from 'ioredis';
import type { RedisKeys } from '../redis-keys';
import {
  parseBegin,
  parseDispatches,
  parseStep,
  replyKind,
  type BeginReply,
  type Dispatch,
  type StepReply,
} from './coordinator-replies';
import { LuaScript } from './lua-script';
import {
  BEGIN_LUA,
  COMPLETE_LUA,
  CONTROL_LUA,
  JOURNAL_LUA,
  REDISPATCH_LUA,
  RETRY_LUA,
  START_LUA,
  TICK_LUA,
} from './lua-scripts';

const SCRIPTS = {
  start: new LuaScript('start', START_LUA),
  begin: new LuaScript('begin', BEGIN_LUA),
  journal: new LuaScript('journal', JOURNAL_LUA),
  complete: new LuaScript('complete', COMPLETE_LUA),
  retry: new LuaScript('retry', RETRY_LUA),
  control: new LuaScript('control', CONTROL_LUA),
  redispatch: new LuaScript('redispatch', REDISPATCH_LUA),
  tick: new LuaScript('tick', TICK_LUA),
};

/** Options of {@link RunCoordinator}. */
export interface RunCoordinatorOptions {
  /** Approximate cap of each job's event stream. */
  readonly maxEvents?: number;
  /** Clock for event times and dispatch scores (the stagger gate uses the Redis clock). */
  readonly now?: () => Date;
}

/** Outcome of a control request. */
export type ControlReply =
  | { readonly kind: 'ok'; readonly status: string; readonly dispatch: Dispatch[] }
  | { readonly kind: 'noop'; readonly status: string }
  | { readonly kind: 'invalid'; readonly status: string };

/** Outcome of `complete`. */
export type CompleteReply =
  | { readonly kind: 'duplicate' }
  | { readonly kind: 'stale' }
  | ({ readonly kind: 'ok' } & StepReply);

/** Outcome of `journal`. */
export type JournalReply =
  | { readonly kind: 'ok'; readonly control: string }
  | { readonly kind: 'stale' }
  | { readonly kind: 'invalid'; readonly state: string };

/** Outcome of `retry`. */
export type RetryReply =
  | { readonly kind: 'ok'; readonly generation: number }
  | { readonly kind: 'stale' }
  | { readonly kind: 'stopping' };

/**
 * The run coordinator: the only writer of a run's scheduling state, through Lua scripts that
 * change state and append their events atomically (see `lua-lib.ts` for the invariants). The
 * callers enqueue the devices each step dispatches; a reconciler repairs a lost enqueue.
 */
export class RunCoordinator {
  private readonly maxEvents: number;
  private readonly now: () => Date;

  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
    options: RunCoordinatorOptions = {},
  ) {
    this.maxEvents = options.maxEvents ?? 200_000;
    this.now = options.now ?? (() => new Date());
  }

  private run(
    script: LuaScript,
    jobId: string,
    args: readonly (string | number)[],
  ): Promise<unknown> {
    const now = this.now();
    const common = [
      jobId,
      now.toISOString(),
      now.getTime(),
      this.maxEvents,
      this.keys.eventsChannel,
    ];
    return script.run(this.redis, this.keys.job(jobId).ordered, [...common, ...args]);
  }

  /** queued → running: the canary is dispatched. `null` when the job is not queued. */
  async start(jobId: string, actor: string): Promise<Dispatch[] | null> {
    const reply = await this.run(SCRIPTS.start, jobId, [actor]);
    return replyKind(reply)[0] === 'ok' ? parseDispatches(reply, 1) : null;
  }

  /** A worker is about to touch a device: fencing, control state and the stagger gate. */
  async begin(jobId: string, dispatch: Dispatch): Promise<BeginReply> {
    return parseBegin(
      await this.run(SCRIPTS.begin, jobId, [dispatch.deviceIndex, dispatch.generation]),
    );
  }

  /**
   * Journals the device's next pipeline phase before the worker performs it. `before` (the
   * session's log lines so far) is appended first in the same step, whatever the reply.
   */
  async journal(
    jobId: string,
    dispatch: Dispatch,
    state: DeviceState,
    before: readonly NewFleetEvent[] = [],
  ): Promise<JournalReply> {
    const [kind, rest] = replyKind(
      await this.run(SCRIPTS.journal, jobId, [
        dispatch.deviceIndex,
        dispatch.generation,
        state,
        ...bodiesOf(before),
      ]),
    );
    if (kind === 'ok') return { kind, control: rest[0] ?? '' };
    if (kind === 'invalid') return { kind, state: rest[0] ?? '' };
    return { kind: 'stale' };
  }

  /**
   * Ends a device exactly once; returns the devices the run dispatches next. `before` (the
   * session's last log lines) is appended first in the same step, whatever the reply.
   */
  async complete(
    jobId: string,
    dispatch: Dispatch,
    outcome: Exclude<DeviceOutcome, 'skipped'>,
    result: unknown,
    resultEvent: Record<string, unknown>,
    before: readonly NewFleetEvent[] = [],
  ): Promise<CompleteReply> {
    const reply = await this.run(SCRIPTS.complete, jobId, [
      dispatch.deviceIndex,
      dispatch.generation,
      outcome,
      JSON.stringify(result),
      JSON.stringify({ type: 'device:result', ...resultEvent }),
      ...bodiesOf(before),
    ]);
    const [kind] = replyKind(reply);
    if (kind === 'duplicate' || kind === 'stale') return { kind };
    return { kind: 'ok', ...parseStep(reply) };
  }

  /** Keeps a device in flight for another attempt, under a new generation. */
  async retry(jobId: string, dispatch: Dispatch, message: string): Promise<RetryReply> {
    const [kind, rest] = replyKind(
      await this.run(SCRIPTS.retry, jobId, [dispatch.deviceIndex, dispatch.generation, message]),
    );
    if (kind === 'ok') return { kind, generation: Number(rest[0]) };
    return { kind: kind === 'stopping' ? 'stopping' : 'stale' };
  }

  /** Applies an operator's control action, stores it and publishes the wake-up. */
  async control(
    jobId: string,
    action: ControlAction,
    actor: string,
    reason = '',
  ): Promise<ControlReply> {
    const reply = await this.run(SCRIPTS.control, jobId, [
      action,
      actor,
      reason,
      this.keys.controlChannel,
    ]);
    const [kind, rest] = replyKind(reply);
    const status = rest[0] ?? '';
    if (kind === 'ok') return { kind, status, dispatch: parseDispatches(reply, 2) };
    return { kind: kind === 'noop' ? 'noop' : 'invalid', status };
  }

  /** Gives a dispatched device a new generation (its queue entry was lost); `null` if not dispatched. */
  async redispatch(jobId: string, deviceIndex: number): Promise<Dispatch | null> {
    const [kind, rest] = replyKind(await this.run(SCRIPTS.redispatch, jobId, [deviceIndex]));
    return kind === 'ok' ? { deviceIndex, generation: Number(rest[0]) } : null;
  }

  /** The watchdog's step: finishes a run whose work is all terminal; dispatches what is due. */
  async tick(jobId: string): Promise<StepReply> {
    return parseStep(await this.run(SCRIPTS.tick, jobId, []));
  }
}

/** Event bodies for a script's `append`, which adds `seq`, `jobId` and `at` itself. */
function bodiesOf(events: readonly NewFleetEvent[]): string[] {
  return events.map(({ jobId: _jobId, ...body }) => JSON.stringify(body));
}
