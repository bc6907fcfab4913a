import {
  hasWindowProblems,
  instantOf,
  mergeWindowProblems,
  NO_WINDOW_PROBLEMS,
  windowFieldProblems,
  windowOf,
  windowProblemsByField,
} from './change-window';

/** A `datetime-local` value for a local date and time (the browser's time zone). */
function localValue(year: number, month: number, day: number, hour: number, minute = 0): string {
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${year}-${two(month)}-${two(day)}T${two(hour)}:${two(minute)}`;
}

const NOW = new Date(2026, 11, 8, 0, 0).getTime();

describe('instantOf', () => {
  it('reads a datetime-local value in the local time zone and gives the instant in UTC', () => {
    expect(instantOf(localValue(2026, 12, 8, 2, 30))).toBe(
      new Date(2026, 11, 8, 2, 30).toISOString(),
    );
    expect(instantOf(localValue(2026, 12, 8, 2, 30))).toMatch(/Z$/);
  });

  it('gives nothing for a blank or unreadable value', () => {
    expect(instantOf('')).toBeUndefined();
    expect(instantOf('  ')).toBeUndefined();
    expect(instantOf('tonight')).toBeUndefined();
  });
});

describe('windowOf', () => {
  it('sends only the times the form gives, and no window without any', () => {
    const start = localValue(2026, 12, 8, 2);
    const end = localValue(2026, 12, 8, 4);
    expect(windowOf({ windowStart: '', windowEnd: '' })).toBeUndefined();
    expect(windowOf({ windowStart: start, windowEnd: '' })).toEqual({
      start_at: new Date(2026, 11, 8, 2).toISOString(),
    });
    expect(windowOf({ windowStart: '', windowEnd: end })).toEqual({
      end_at: new Date(2026, 11, 8, 4).toISOString(),
    });
    expect(windowOf({ windowStart: start, windowEnd: end })).toEqual({
      start_at: new Date(2026, 11, 8, 2).toISOString(),
      end_at: new Date(2026, 11, 8, 4).toISOString(),
    });
  });
});

describe('windowFieldProblems', () => {
  it('accepts a window that opens before it closes, or either time alone', () => {
    const start = localValue(2026, 12, 8, 2);
    const end = localValue(2026, 12, 8, 4);
    for (const fields of [
      { windowStart: start, windowEnd: end },
      { windowStart: start, windowEnd: '' },
      { windowStart: '', windowEnd: end },
      { windowStart: '', windowEnd: '' },
    ])
      expect(windowFieldProblems(fields, NOW)).toEqual(NO_WINDOW_PROBLEMS);
  });

  it('names the end when it does not come after the start', () => {
    const at = localValue(2026, 12, 8, 2);
    expect(
      windowFieldProblems({ windowStart: at, windowEnd: localValue(2026, 12, 8, 1) }, NOW).end,
    ).toEqual(['must come after the start']);
    expect(windowFieldProblems({ windowStart: at, windowEnd: at }, NOW).end).toEqual([
      'must come after the start',
    ]);
  });

  it('names the end when it has passed already', () => {
    const problems = windowFieldProblems(
      { windowStart: '', windowEnd: localValue(2026, 12, 7, 23) },
      NOW,
    );
    expect(problems).toEqual({
      ...NO_WINDOW_PROBLEMS,
      end: ['has passed already: no device could start'],
    });
    expect(hasWindowProblems(problems)).toBe(true);
  });
});

describe('windowProblemsByField', () => {
  it("puts each of the server's window problems next to its field, and ignores the others", () => {
    const problems = windowProblemsByField([
      { path: 'window.start_at', message: 'a job may be scheduled at most 366 days ahead' },
      { path: 'window.end_at', message: 'end_at must come after start_at' },
      { path: 'window', message: 'give start_at, end_at or both' },
      { path: 'commands', message: 'give at least one command' },
    ]);
    expect(problems).toEqual({
      start: ['a job may be scheduled at most 366 days ahead'],
      end: ['end_at must come after start_at'],
      window: ['give start_at, end_at or both'],
    });
  });

  it('finds no window problem among problems of other fields', () => {
    const problems = windowProblemsByField([{ path: 'window_size', message: 'not a window' }]);
    expect(hasWindowProblems(problems)).toBe(false);
  });
});

describe('mergeWindowProblems', () => {
  it("keeps the form's and the server's problems of each field", () => {
    const merged = mergeWindowProblems(
      { ...NO_WINDOW_PROBLEMS, end: ['must come after the start'] },
      { ...NO_WINDOW_PROBLEMS, start: ['too far ahead'], end: ['closed'] },
    );
    expect(merged).toEqual({
      start: ['too far ahead'],
      end: ['must come after the start', 'closed'],
      window: [],
    });
  });
});
