import {
  localTimeText,
  scheduledNote,
  timeZoneText,
  untilText,
  windowBanner,
  windowSentences,
} from './window-text';

/** Written the same wherever the tests run. */
const KOLKATA = { locale: 'en-GB', timeZone: 'Asia/Kolkata' } as const;
const NOW = Date.parse('2026-12-08T00:00:00Z');
const inMs = (ms: number): string => new Date(NOW + ms).toISOString();
const HOUR = 3_600_000;
const MINUTE = 60_000;

describe('localTimeText', () => {
  it("writes an instant in the reader's time zone and names the zone", () => {
    expect(localTimeText('2026-12-08T00:00:00Z', KOLKATA)).toBe('Tue, 8 Dec 2026, 05:30 GMT+5:30');
    expect(localTimeText('2026-12-08T00:00:00Z', { locale: 'en-GB', timeZone: 'UTC' })).toBe(
      'Tue, 8 Dec 2026, 00:00 UTC',
    );
  });
});

describe('untilText', () => {
  it('counts down to a time ahead, and says when it has come', () => {
    expect(untilText(NOW + 2 * HOUR + 5 * MINUTE, NOW)).toBe('in 2 h 05 m');
    expect(untilText(NOW + 3 * 24 * HOUR, NOW)).toBe('in 3 d 00 h');
    expect(untilText(NOW, NOW)).toBe('due now');
  });
});

describe('timeZoneText', () => {
  it('names the zone and its offset from UTC', () => {
    expect(timeZoneText('Asia/Kolkata', 330)).toBe('Asia/Kolkata (UTC+05:30)');
    expect(timeZoneText('America/New_York', -300)).toBe('America/New_York (UTC−05:00)');
    expect(timeZoneText('UTC', 0)).toBe('UTC (UTC+00:00)');
  });
});

describe('windowSentences', () => {
  it('says when a scheduled job starts and how soon, and what its end means', () => {
    const window = { start_at: inMs(2 * HOUR + 5 * MINUTE), end_at: inMs(4 * HOUR) };
    expect(windowSentences(window, NOW, KOLKATA)).toEqual([
      'Starts at Tue, 8 Dec 2026, 07:35 GMT+5:30, in 2 h 05 m.',
      'No device starts after Tue, 8 Dec 2026, 09:30 GMT+5:30; the rest are skipped.',
    ]);
  });

  it('says a start that has passed starts the job at once', () => {
    expect(windowSentences({ start_at: inMs(-MINUTE) }, NOW, KOLKATA)).toEqual([
      'Starts at once: Tue, 8 Dec 2026, 05:29 GMT+5:30 has passed.',
    ]);
  });

  it('says nothing about a start the window does not give', () => {
    expect(windowSentences({ end_at: inMs(HOUR) }, NOW, KOLKATA)).toEqual([
      'No device starts after Tue, 8 Dec 2026, 06:30 GMT+5:30; the rest are skipped.',
    ]);
  });
});

describe('windowBanner', () => {
  it('shows a queued job scheduled ahead with when it starts, and when its window closes', () => {
    expect(windowBanner({ status: 'queued', start_at: inMs(HOUR) }, NOW, KOLKATA)).toEqual({
      kind: 'scheduled',
      text: 'Scheduled: starts at Tue, 8 Dec 2026, 06:30 GMT+5:30 (in 1 h 00 m).',
    });
    expect(
      windowBanner({ status: 'queued', start_at: inMs(HOUR), end_at: inMs(2 * HOUR) }, NOW, KOLKATA)
        ?.text,
    ).toBe(
      'Scheduled: starts at Tue, 8 Dec 2026, 06:30 GMT+5:30 (in 1 h 00 m). No device starts after Tue, 8 Dec 2026, 07:30 GMT+5:30.',
    );
  });

  it('shows a scheduled job its worker has not started yet as due', () => {
    expect(windowBanner({ status: 'queued', start_at: inMs(-1_000) }, NOW, KOLKATA)?.text).toMatch(
      /\(due now\)\.$/,
    );
  });

  it('shows when the window of a running or paused job closes', () => {
    for (const status of ['running', 'paused'])
      expect(
        windowBanner({ status, start_at: null, end_at: inMs(30 * MINUTE) }, NOW, KOLKATA),
      ).toEqual({
        kind: 'open',
        text: 'Change window closes at Tue, 8 Dec 2026, 06:00 GMT+5:30 (in 30 m 00 s).',
      });
  });

  it('says the window closed while the devices in flight finish', () => {
    for (const status of ['running', 'cancelling'])
      expect(windowBanner({ status, end_at: inMs(-MINUTE) }, NOW, KOLKATA)).toEqual({
        kind: 'closed',
        text: 'Change window closed at Tue, 8 Dec 2026, 05:29 GMT+5:30: no device starts any more; those in flight finish.',
      });
  });

  it('shows nothing for a job without a window, an ended job, or one cancelled by hand', () => {
    expect(windowBanner({ status: 'running', start_at: null, end_at: null }, NOW)).toBeNull();
    expect(windowBanner({ status: 'queued' }, NOW)).toBeNull();
    for (const status of ['completed', 'failed', 'cancelled'])
      expect(windowBanner({ status, end_at: inMs(-MINUTE) }, NOW)).toBeNull();
    expect(windowBanner({ status: 'cancelling', end_at: inMs(HOUR) }, NOW)).toBeNull();
  });
});

describe('scheduledNote', () => {
  it('notes when a queued job starts by itself; nothing once it started', () => {
    expect(scheduledNote({ status: 'queued', start_at: inMs(HOUR) }, KOLKATA)).toBe(
      'scheduled Tue, 8 Dec 2026, 06:30 GMT+5:30',
    );
    expect(scheduledNote({ status: 'running', start_at: inMs(HOUR) }, KOLKATA)).toBeNull();
    expect(scheduledNote({ status: 'queued', start_at: null }, KOLKATA)).toBeNull();
  });
});
