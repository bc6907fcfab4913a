/** Inputs of an ETA estimate. */
export interface EtaInput {
  /** Devices finished (any terminal state). */
  readonly done: number;
  /** Devices in the job. */
  readonly total: number;
  /** When the first device after the canary finished, or the run started (ms since epoch). */
  readonly since: number | undefined;
  /** Devices already finished at `since` (excluded from the rate). */
  readonly doneAtSince: number;
  readonly now: number;
}

/**
 * Remaining time in ms from the observed finish rate since `since`, or `undefined` while it
 * cannot be told honestly (nothing finished yet in the window, or nothing left).
 */
export function estimateRemainingMs(input: EtaInput): number | undefined {
  const { done, total, since, doneAtSince, now } = input;
  const left = total - done;
  const finished = done - doneAtSince;
  if (since === undefined || left <= 0 || finished <= 0 || now <= since) return undefined;
  const perDevice = (now - since) / finished;
  return Math.round(perDevice * left);
}

/** Hours past which a duration reads in days (a job scheduled days ahead is not "170 h"). */
const HOURS_SHOWN_UP_TO = 48;

/** "3 d 04 h", "2 h 05 m", "3 m 20 s", "12 s". */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(s / 3600);
  if (h >= HOURS_SHOWN_UP_TO) return `${Math.floor(h / 24)} d ${String(h % 24).padStart(2, '0')} h`;
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (h > 0) return `${h} h ${String(m).padStart(2, '0')} m`;
  if (m > 0) return `${m} m ${String(sec).padStart(2, '0')} s`;
  return `${sec} s`;
}

/** A measured time: milliseconds under a second (a fast device is not "0.0 s"), tenths under a minute. */
export function formatElapsed(ms: number): string {
  const whole = Math.max(0, Math.round(ms));
  if (whole < 1_000) return `${whole} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(1)} s`;
  return formatDuration(ms);
}

/** A job's run times as the API gives them (null or absent until they happen). */
export interface JobTimes {
  readonly started_at?: string | null;
  readonly finished_at?: string | null;
}

/** How long a job ran ("3 m 20 s"), "running" before its end, "—" if it never started. */
export function jobDurationText(job: JobTimes): string {
  if (!job.started_at) return '—';
  if (!job.finished_at) return 'running';
  return formatElapsed(Date.parse(job.finished_at) - Date.parse(job.started_at));
}
