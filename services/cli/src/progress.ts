import type { FleetEvent } from '@fleetpush/contracts';
import { awaitsApproval, type JobApproval } from './job-approval-view';
import { scheduledStart, type JobWindow } from './job-window-view';

/** Device states during which a device is being worked on. */
const IN_FLIGHT = new Set(['connecting', 'pre_check', 'applying', 'post_check']);
/** Device states after which a device does not change. */
const FINAL = new Set(['succeeded', 'failed', 'skipped', 'aborted']);
/** Final device states that count as failures. */
const FAILED = new Set(['failed', 'aborted']);
/** Job states in which group limits may hold devices back. */
const HOLDING = new Set(['running', 'paused']);

/** Whether group limits may hold devices of a job in this state back: it runs, or is paused. */
export function limitsMayHold(status: string): boolean {
  return HOLDING.has(status);
}

/** A job's progress as `fleetpush jobs watch` shows it. */
export interface ProgressSnapshot {
  readonly jobId: string;
  readonly status: string;
  readonly total: number;
  readonly done: number;
  readonly failed: number;
  readonly inFlight: number;
  /**
   * Devices of the current wave its group limits (`strategy.limits`) hold back, as the job's run
   * last said; 0 without limits and once the job no longer runs or is paused.
   */
  readonly heldByLimits: number;
  /** `pending` until the canary's verdict, then `passed` or `failed`. */
  readonly canary: { readonly key: string; readonly verdict: string } | undefined;
  /** Estimated milliseconds left, once at least one device finished. */
  readonly etaMs: number | undefined;
  /** When a scheduled job starts by itself (shown while it waits `queued`). */
  readonly startAt: string | undefined;
  /** Whether it was held for a second person's approval when the watch began. */
  readonly awaitingApproval: boolean;
}

/** What {@link ProgressTracker.seed} reads of a job's detail. */
export interface ProgressSeed extends JobWindow, JobApproval {
  readonly targets: number;
  /** The canary's key; '' or absent without one. */
  readonly canary?: string | undefined;
  /** The run as the detail says it: devices its group limits hold back (absent: older API). */
  readonly run?: { readonly held_by_limits?: number | undefined };
}

/**
 * Folds a job's events into counts for a progress line. The ETA is the remaining devices at the
 * rate devices have finished since the first one started (waves and pauses make it a guess,
 * which is why it is shown rounded).
 */
export class ProgressTracker {
  private readonly states = new Map<string, string>();
  private total = 0;
  private status = 'queued';
  private canary: { key: string; verdict: string } | undefined;
  private firstStartAt: number | undefined;
  private lastFinishAt: number | undefined;
  private startAt: string | undefined;
  private awaitingApproval = false;
  private heldByLimits = 0;

  constructor(
    private readonly jobId: string,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Seeds what the events of a resumed watch may not repeat (the job's detail), and what no
   * event carries: when a scheduled job starts, whether it awaits approval (until a
   * `job:approved` event, or leaving `queued`, ends the wait), and how many devices its group
   * limits hold back.
   */
  seed(job: ProgressSeed): void {
    this.total = job.targets;
    this.status = job.status;
    if (job.canary) this.canary ??= { key: job.canary, verdict: 'pending' };
    this.startAt = job.start_at ?? undefined;
    this.awaitingApproval = awaitsApproval(job);
    this.limitHold(job.run?.held_by_limits);
  }

  /**
   * Takes what the job's run says of its group limits (`GET /jobs/{id}` `run.held_by_limits`,
   * read again while it runs): no event says that a device is held back. Absent (an API older
   * than the field) = none.
   */
  limitHold(heldByLimits: number | undefined): void {
    this.heldByLimits = heldByLimits ?? 0;
  }

  /** Applies one event. */
  apply(event: FleetEvent): void {
    switch (event.type) {
      case 'job:created':
        this.total = event.targets;
        break;
      case 'job:approved':
        this.awaitingApproval = false;
        break;
      case 'job:status':
        // only a transition out of the status shown moves it: a watch replays the job's history
        // after seeding the current status, and must not show it going back (running → queued)
        if (event.from === this.status) this.status = event.to;
        break;
      case 'job:finished':
        this.status = event.status;
        break;
      case 'job:canary':
        this.canary = { key: event.deviceKey, verdict: event.verdict };
        break;
      case 'device:status':
      case 'device:result':
        this.device(event.deviceKey, event.state);
        break;
      default:
        break;
    }
  }

  private device(key: string, state: string): void {
    if (FINAL.has(this.states.get(key) ?? '')) return;
    this.states.set(key, state);
    if (IN_FLIGHT.has(state)) this.firstStartAt ??= this.now();
    if (FINAL.has(state)) this.lastFinishAt = this.now();
  }

  /** The current counts and estimate. */
  snapshot(): ProgressSnapshot {
    let done = 0;
    let failed = 0;
    let inFlight = 0;
    for (const state of this.states.values()) {
      if (FINAL.has(state)) done += 1;
      if (FAILED.has(state)) failed += 1;
      if (IN_FLIGHT.has(state)) inFlight += 1;
    }
    return {
      jobId: this.jobId,
      status: this.status,
      total: this.total,
      done,
      failed,
      inFlight,
      heldByLimits: limitsMayHold(this.status) ? this.heldByLimits : 0,
      canary: this.canary,
      etaMs: this.eta(done),
      startAt: this.startAt,
      awaitingApproval: this.awaitingApproval,
    };
  }

  private eta(done: number): number | undefined {
    if (done === 0 || this.firstStartAt === undefined || this.lastFinishAt === undefined) {
      return undefined;
    }
    if (done >= this.total) return 0;
    const perDevice = Math.max(0, this.lastFinishAt - this.firstStartAt) / done;
    return Math.round(perDevice * (this.total - done));
  }
}

/** `m:ss` (or `h:mm:ss`) for an ETA. */
export function formatDuration(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** Width of the progress bar in characters. */
const BAR_WIDTH = 20;

/**
 * A job's status on the progress line: a job still queued awaits approval (then its start time,
 * if scheduled), or waits for its start time.
 */
function statusText(p: ProgressSnapshot): string {
  const start = scheduledStart({ status: p.status, start_at: p.startAt });
  const then = start === undefined ? '' : `, then its start time, ${start}`;
  if (p.status === 'queued' && p.awaitingApproval) return `queued: awaits approval${then}`;
  return start === undefined ? p.status : `queued: waits for its start time, ${start}`;
}

/**
 * One progress line: bar, done/total, failed, in flight (and how many devices the group limits
 * hold back, when any), ETA, canary, status.
 */
export function renderProgress(p: ProgressSnapshot): string {
  const filled = p.total === 0 ? 0 : Math.round((p.done / p.total) * BAR_WIDTH);
  const bar = `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}]`;
  const parts = [
    `${bar} ${p.done}/${p.total} done`,
    `${p.failed} failed`,
    `${p.inFlight} in flight`,
    ...(p.heldByLimits > 0 ? [`${p.heldByLimits} held by limits`] : []),
    `ETA ${p.etaMs === undefined ? '--:--' : formatDuration(p.etaMs)}`,
  ];
  if (p.canary) parts.push(`canary ${p.canary.key} ${p.canary.verdict}`);
  parts.push(statusText(p));
  return parts.join(' · ');
}
