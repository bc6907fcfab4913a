import type { FinishedJob, FleetpushClient } from '@fleetpush/client';
import type { CliIo } from './cli-io';
import { ProgressTracker, renderProgress } from './progress';

/** Options of {@link followJob}. */
export interface FollowOptions {
  /** Print every event as one JSON line on stdout (`jobs watch --json`). */
  readonly eventsAsJson?: boolean;
  /** Draw progress on stderr (off for `--json` outside a terminal). */
  readonly progress: boolean;
}

/** Event types after which a non-terminal output prints a new progress line. */
const LINE_EVENTS = new Set([
  'device:result',
  'job:status',
  'job:canary',
  'job:finished',
  'job:wave',
]);

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
  tracker.seed(detail.targets, detail.status, detail.canary || undefined);
  let last = '';
  const draw = (force: boolean): void => {
    if (!options.progress) return;
    const line = renderProgress(tracker.snapshot());
    if (line === last && !force) return;
    last = line;
    io.stderr(io.interactive ? `\r\x1b[2K${line}` : `${line}\n`);
  };
  const finished = await client.awaitJob(jobId, {
    onEvent: (event) => {
      tracker.apply(event);
      if (options.eventsAsJson) io.stdout(`${JSON.stringify(event)}\n`);
      if (io.interactive || LINE_EVENTS.has(event.type)) draw(false);
    },
  });
  if (options.progress && io.interactive) io.stderr('\n');
  return finished;
}
