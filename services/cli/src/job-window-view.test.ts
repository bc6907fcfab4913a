import { timeUntil, windowFields, windowText } from './job-window-view';

const START = '2026-12-08T02:00:00.000Z';
const END = '2026-12-08T04:00:00.000Z';

describe('a job change window in words', () => {
  it('says when a queued job is scheduled to start, and when its window closes', () => {
    expect(windowText({ status: 'queued', start_at: START, end_at: END })).toBe(
      `scheduled: starts ${START}, window closes ${END}`,
    );
    expect(windowText({ status: 'queued', start_at: START, end_at: null })).toBe(
      `scheduled: starts ${START}`,
    );
    expect(windowText({ status: 'queued', start_at: START }, (iso) => iso.slice(11, 16))).toBe(
      'scheduled: starts 02:00',
    );
  });

  it('no longer calls a job scheduled once it started, and says nothing without a window', () => {
    expect(windowText({ status: 'running', start_at: START, end_at: END })).toBe(
      `window closes ${END}`,
    );
    expect(windowText({ status: 'cancelled', start_at: START })).toBe('');
    expect(windowText({ status: 'queued', start_at: null, end_at: null })).toBe('');
    expect(windowText({ status: 'completed' })).toBe('');
  });

  it('gives --json the window fields a job has, never nulls', () => {
    expect(windowFields({ status: 'running', start_at: START, end_at: null })).toEqual({
      start_at: START,
    });
    expect(windowFields({ status: 'queued', start_at: null })).toEqual({});
  });

  it('says how long until a start, to the minute rounded up', () => {
    expect(timeUntil(7_200_000 - 300)).toBe('2h 0m');
    expect(timeUntil(30 * 60_000)).toBe('30m');
    expect(timeUntil(10_000)).toBe('1m');
    expect(timeUntil(-5_000)).toBe('0m');
    expect(timeUntil(90 * 60_000 + 1)).toBe('1h 31m');
    expect(timeUntil(86_400_000)).toBe('1d 0h');
    expect(timeUntil(3 * 86_400_000 + 5 * 3_600_000)).toBe('3d 5h');
  });
});
