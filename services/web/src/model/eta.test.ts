import { estimateRemainingMs, formatElapsed, formatDuration, jobDurationText } from './eta';

describe('estimateRemainingMs', () => {
  it('extrapolates the finish rate since the fan-out began', () => {
    // 10 devices finished in 5 s after the canary: 0.5 s each, 90 left.
    expect(
      estimateRemainingMs({ done: 11, total: 101, since: 1_000, doneAtSince: 1, now: 6_000 }),
    ).toBe(45_000);
  });

  it('says nothing before any device of the fan-out finished', () => {
    expect(
      estimateRemainingMs({ done: 1, total: 100, since: undefined, doneAtSince: 0, now: 5_000 }),
    ).toBeUndefined();
    expect(
      estimateRemainingMs({ done: 1, total: 100, since: 1_000, doneAtSince: 1, now: 5_000 }),
    ).toBeUndefined();
  });

  it('says nothing when every device is done', () => {
    expect(
      estimateRemainingMs({ done: 100, total: 100, since: 1_000, doneAtSince: 1, now: 5_000 }),
    ).toBeUndefined();
  });
});

describe('formatDuration', () => {
  it.each([
    [12_400, '12 s'],
    [200_000, '3 m 20 s'],
    [7_500_000, '2 h 05 m'],
    [47 * 3_600_000, '47 h 00 m'],
    [(3 * 24 + 4) * 3_600_000 + 59_000, '3 d 04 h'],
  ])('%i ms reads %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('formatElapsed', () => {
  it.each([
    [19, '19 ms'],
    [999.6, '1.0 s'],
    [1_250, '1.3 s'],
    [59_940, '59.9 s'],
    [200_000, '3 m 20 s'],
  ])('%d ms reads %s', (ms, text) => {
    expect(formatElapsed(ms)).toBe(text);
  });
});

describe('jobDurationText', () => {
  it('gives the run time of a finished job, "running" before its end, "—" before its start', () => {
    const started_at = '2026-11-26T10:00:00.000Z';
    expect(jobDurationText({ started_at, finished_at: '2026-11-26T10:03:20.400Z' })).toBe(
      '3 m 20 s',
    );
    expect(jobDurationText({ started_at, finished_at: '2026-11-26T10:00:00.108Z' })).toBe('108 ms');
    expect(jobDurationText({ started_at, finished_at: null })).toBe('running');
    expect(jobDurationText({ started_at: null, finished_at: null })).toBe('—');
    expect(jobDurationText({})).toBe('—');
  });
});
