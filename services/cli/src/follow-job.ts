import type { FinishedJob, FleetpushClient } from '@fleetpush/client';
import type { CliIo } from './cli-io';
import { limitsMayHold, ProgressTracker, renderProgress } from './progress';

/** Options of {@link followJob}. */
export interface FollowOptions {
  /** Print every event as one JSON line on stdout (`jobs watch --json`). */
  readonly eventsAsJson?: boolean;
  /** Draw progress on stderr (off for `--json` outside a terminal). */
  readonly progress: boolean;
}

/** Job-level events: always shown at once. */
const JOB_EVENTS = new Set(['job:status', 'job:canary', 'job:finished', 'job:wave']);

/**
 * Least time between two progress lines for device-level changes: a 10,000-device job must not
 * print 10,000 lines into a CI log, nor redraw a terminal faster than anyone reads.
 */
const MIN_LINE_GAP_MS = { terminal: 100, log: 1_000 } as const;

/**
 * How often the run of a job with group limits is read again while it runs: no event says that
 * a device is held back by a full group, `GET /jobs/{id}` does (`run.held_by_limits`).
 */
const RUN_POLL_MS = 3_000;

/**
 * Follows a job to its end, showing progress (redrawn in place on a terminal, a line per change
 * otherwise), and resolves with its detail and result.
 */
export async function followJob(
  client: FleetpushClient,
  jobId: string,
  io: CliIo,
  options: FollowOptions,
): Promise<FinishedJob> {
  const detail = await client.jobs.get(jobId);
  const tracker = new ProgressTracker(jobId);
  tracker.seed(detail);
  let last = '';
  let lastAt = 0;
  const gap = io.interactive ? MIN_LINE_GAP_MS.terminal : MIN_LINE_GAP_MS.log;
  const draw = (type: string): void => {
    if (!options.progress) return;
    const now = Date.now();
    if (!JOB_EVENTS.has(type) && now - lastAt < gap) return;
    const line = renderProgress(tracker.snapshot());
    if (line === last) return;
    last = line;
    lastAt = now;
    io.stderr(io.interactive ? `\r\x1b[2K${line}` : `${line}\n`);
  };
  const stopPolling =
    options.progress && hasGroupLimits(detail.spec)
      ? pollLimitHold(client, jobId, tracker, () => draw('run'))
      : () => undefined;
  const finished = await client
    .awaitJob(jobId, {
      onEvent: (event) => {
        tracker.apply(event);
        if (options.eventsAsJson) io.stdout(`${JSON.stringify(event)}\n`);
        draw(event.type);
      },
    })
    .finally(stopPolling);
  if (options.progress && io.interactive) io.stderr('\n');
  return finished;
}

/** Whether a stored submission has group limits (`strategy.limits`). */
function hasGroupLimits(spec: Readonly<Record<string, unknown>>): boolean {
  const limits = (spec.strategy as { limits?: unknown } | undefined)?.limits;
  return Array.isArray(limits) && limits.length > 0;
}

/**
 * Reads the job's run every {@link RUN_POLL_MS} (one request at a time, only while the tracker
 * shows it running or paused) into the tracker's count of devices held by group limits, then
 * calls `changed`; a failed read is tried again at the next period. Returns how to stop.
 */
function pollLimitHold(
  client: FleetpushClient,
  jobId: string,
  tracker: ProgressTracker,
  changed: () => void,
): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const again = (): void => {
    if (!stopped) timer = setTimeout(read, RUN_POLL_MS);
  };
  const read = (): void => {
    if (!limitsMayHold(tracker.snapshot().status)) return again();
    client.jobs.get(jobId).then((job) => {
      if (stopped) return;
      tracker.limitHold(job.run.held_by_limits);
      changed();
      again();
    }, again);
  };
  again();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
