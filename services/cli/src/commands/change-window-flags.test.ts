import { jobSubmissionSchema } from '@fleetpush/contracts';
import { UsageError } from '../cli-errors';
import { changeWindowFlags, windowTimeFlag } from './change-window-flags';

const NOW = new Date('2026-12-07T23:30:00.000Z');

describe('--start-at / --end-at', () => {
  it('resolves +N minutes, hours and days from now to a UTC instant', () => {
    expect(windowTimeFlag('start-at', '+30m', NOW, '')).toBe('2026-12-08T00:00:00.000Z');
    expect(windowTimeFlag('start-at', '+2h', NOW, '')).toBe('2026-12-08T01:30:00.000Z');
    expect(windowTimeFlag('end-at', '+1d', NOW, '')).toBe('2026-12-08T23:30:00.000Z');
  });

  it('passes an ISO 8601 time with a zone through as it is', () => {
    for (const iso of [
      '2026-12-08T02:00:00Z',
      '2026-12-08T02:00:00+01:00',
      '2026-12-08T02:00:00.250-05:30',
    ]) {
      expect(windowTimeFlag('start-at', iso, NOW, '')).toBe(iso);
    }
  });

  it.each(['tonight', '2026-12-08T02:00:00', '2026-12-08', '30m', '+2w', '+-1h', '+1.5h', ''])(
    'refuses %j naming the flag and what it takes',
    (raw) => {
      const attempt = (): unknown => windowTimeFlag('start-at', raw, NOW, 'usage');
      expect(attempt).toThrow(UsageError);
      expect(attempt).toThrow(
        `--start-at: "${raw}" is not a time: give an ISO 8601 time with a zone (2026-12-08T02:00:00Z) or +30m / +2h / +1d`,
      );
    },
  );

  it('makes a window the API accepts from either flag or both, and none without them', () => {
    expect(changeWindowFlags({}, NOW, '')).toBeUndefined();
    const both = changeWindowFlags(
      { 'start-at': '+1h', 'end-at': '2026-12-08T04:00:00+01:00' },
      NOW,
      '',
    );
    expect(both).toEqual({
      start_at: '2026-12-08T00:30:00.000Z',
      end_at: '2026-12-08T04:00:00+01:00',
    });
    expect(changeWindowFlags({ 'end-at': '+2h' }, NOW, '')).toEqual({
      end_at: '2026-12-08T01:30:00.000Z',
    });
    const submission = { name: 'n', commands: ['x'], targets: ['all'], window: both };
    expect(jobSubmissionSchema.safeParse(submission).success).toBe(true);
  });

  it('names the flag that is wrong when both are given', () => {
    expect(() => changeWindowFlags({ 'start-at': '+1h', 'end-at': 'later' }, NOW, '')).toThrow(
      '--end-at: "later" is not a time',
    );
  });
});
