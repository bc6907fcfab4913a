import type { JobSubmissionInput, Problem } from '@fleetpush/contracts';

/** A submission's `window` (`start_at`, `end_at`: instants with a time zone). */
export type ChangeWindow = NonNullable<JobSubmissionInput['window']>;

/**
 * The New job form's change window: two `datetime-local` values (`2026-12-08T02:00`, read in
 * the browser's time zone), each `''` when not given.
 */
export interface WindowFields {
  /** When the job starts by itself (`window.start_at`). */
  readonly windowStart: string;
  /** From when no device starts (`window.end_at`). */
  readonly windowEnd: string;
}

/** The window's problems by the field they belong to (`window` itself: the pair as a whole). */
export interface WindowProblems {
  readonly start: readonly string[];
  readonly end: readonly string[];
  readonly window: readonly string[];
}

/** No problem at all. */
export const NO_WINDOW_PROBLEMS: WindowProblems = { start: [], end: [], window: [] };

/**
 * A `datetime-local` value as an instant in UTC (`toISOString()`), read in the browser's time
 * zone (a date-time without an offset is local time in JavaScript); `undefined` when blank or
 * not a time.
 */
export function instantOf(local: string): string | undefined {
  if (local.trim() === '') return undefined;
  const ms = new Date(local).getTime();
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** The submission's `window`, or `undefined` when the form gives neither time. */
export function windowOf(fields: WindowFields): ChangeWindow | undefined {
  const start = instantOf(fields.windowStart);
  const end = instantOf(fields.windowEnd);
  if (start === undefined && end === undefined) return undefined;
  return {
    ...(start !== undefined && { start_at: start }),
    ...(end !== undefined && { end_at: end }),
  };
}

/**
 * What the form can tell before asking the server: a window that closes before it opens, or
 * one already closed. The server checks again (and more: how far ahead a job may be scheduled).
 */
export function windowFieldProblems(fields: WindowFields, nowMs: number): WindowProblems {
  const window = windowOf(fields);
  const end: string[] = [];
  if (window?.end_at !== undefined) {
    const endMs = Date.parse(window.end_at);
    if (window.start_at !== undefined && endMs <= Date.parse(window.start_at))
      end.push('must come after the start');
    else if (endMs <= nowMs) end.push('has passed already: no device could start');
  }
  return { ...NO_WINDOW_PROBLEMS, end };
}

/** Whether a problem the server names is about the change window. */
export function isWindowProblem(problem: Problem): boolean {
  return problem.path === 'window' || problem.path.startsWith('window.');
}

/** The server's window problems (`window.start_at`, `window.end_at`, `window`) by field. */
export function windowProblemsByField(problems: readonly Problem[]): WindowProblems {
  const on = (path: string): string[] =>
    problems.filter((p) => p.path === path).map((p) => p.message);
  return {
    start: on('window.start_at'),
    end: on('window.end_at'),
    window: problems
      .filter((p) => isWindowProblem(p) && !/^window\.(start|end)_at$/.test(p.path))
      .map((p) => p.message),
  };
}

/** Both sets of problems, field by field. */
export function mergeWindowProblems(a: WindowProblems, b: WindowProblems): WindowProblems {
  return {
    start: [...a.start, ...b.start],
    end: [...a.end, ...b.end],
    window: [...a.window, ...b.window],
  };
}

/** Whether any field has a problem. */
export function hasWindowProblems(problems: WindowProblems): boolean {
  return problems.start.length + problems.end.length + problems.window.length > 0;
}
