import type { ChangeWindow } from './change-window';
import { formatDuration } from './eta';

/** How instants are written: the browser's locale and time zone unless given (tests give them). */
export interface TimeFormat {
  readonly locale?: string;
  readonly timeZone?: string;
}

/** "Tue, 8 Dec 2026, 02:00 GMT+1": an instant in the reader's time zone, the zone named. */
export function localTimeText(instant: string | number, format: TimeFormat = {}): string {
  return new Intl.DateTimeFormat(format.locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
    ...(format.timeZone !== undefined && { timeZone: format.timeZone }),
  }).format(new Date(instant));
}

/** "in 2 h 05 m" until `atMs`; "due now" once it has come. */
export function untilText(atMs: number, nowMs: number): string {
  return atMs > nowMs ? `in ${formatDuration(atMs - nowMs)}` : 'due now';
}

/** "Europe/Berlin (UTC+01:00)": the zone the form's times are read in, and its offset then. */
export function timeZoneText(zone: string, offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '−' : '+';
  const abs = Math.abs(offsetMinutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${zone} (UTC${sign}${hh}:${mm})`;
}

/**
 * The review's words for a window: when the job starts ("Starts at …, in 2 h 05 m", or at once
 * when that time has passed) and what its end means for the devices not started by then.
 */
export function windowSentences(
  window: ChangeWindow,
  nowMs: number,
  format: TimeFormat = {},
): string[] {
  const sentences: string[] = [];
  if (window.start_at !== undefined) {
    const startMs = Date.parse(window.start_at);
    const at = localTimeText(startMs, format);
    sentences.push(
      startMs > nowMs
        ? `Starts at ${at}, ${untilText(startMs, nowMs)}.`
        : `Starts at once: ${at} has passed.`,
    );
  }
  if (window.end_at !== undefined) {
    const at = localTimeText(window.end_at, format);
    sentences.push(`No device starts after ${at}; the rest are skipped.`);
  }
  return sentences;
}

/** A job as the banner reads it: its live status and its window (null when none). */
export interface WindowedJob {
  readonly status: string;
  readonly start_at?: string | null;
  readonly end_at?: string | null;
}

/** What the banner of a job in a change window says; `scheduled` offers "Start now". */
export interface WindowBanner {
  readonly kind: 'scheduled' | 'open' | 'closed';
  readonly text: string;
}

/** States in which a job's window matters: it starts devices, or drains once the window closed. */
const IN_WINDOW = new Set(['running', 'paused', 'cancelling']);

/** "Scheduled: starts at … (in …)." and, with an end, when no device starts any more. */
function scheduledBanner(
  start: string,
  end: string | null | undefined,
  nowMs: number,
  format: TimeFormat,
): WindowBanner {
  const startMs = Date.parse(start);
  const closes = end ? ` No device starts after ${localTimeText(end, format)}.` : '';
  return {
    kind: 'scheduled',
    text: `Scheduled: starts at ${localTimeText(startMs, format)} (${untilText(startMs, nowMs)}).${closes}`,
  };
}

/**
 * The banner of a job with a change window, or null: a queued job scheduled ahead ("Scheduled:
 * starts at … (in …)"), a running or paused one whose window is open ("Change window closes at
 * … (in …)"), and one whose window has closed while its devices in flight finish. An ended job
 * has none: its outcome says why it ended.
 */
export function windowBanner(
  job: WindowedJob,
  nowMs: number,
  format: TimeFormat = {},
): WindowBanner | null {
  if (job.status === 'queued' && job.start_at)
    return scheduledBanner(job.start_at, job.end_at, nowMs, format);
  if (!job.end_at || !IN_WINDOW.has(job.status)) return null;
  const endMs = Date.parse(job.end_at);
  const at = localTimeText(endMs, format);
  if (endMs <= nowMs)
    return {
      kind: 'closed',
      text: `Change window closed at ${at}: no device starts any more; those in flight finish.`,
    };
  // a job cancelled by hand inside its window: its window no longer matters
  if (job.status === 'cancelling') return null;
  return { kind: 'open', text: `Change window closes at ${at} (${untilText(endMs, nowMs)}).` };
}

/** "scheduled Tue, 8 Dec 2026, 02:00 GMT+1" for a queued job that waits for its time; else null. */
export function scheduledNote(job: WindowedJob, format: TimeFormat = {}): string | null {
  return job.status === 'queued' && job.start_at
    ? `scheduled ${localTimeText(job.start_at, format)}`
    : null;
}
