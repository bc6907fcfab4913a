import { waitUntil } from './wait-until';

/** Resource kinds (from `process.getActiveResourcesInfo()`) whose count must not grow across a test. */
const WATCHED = ['TCPSocketWrap', 'TCPServerWrap', 'Timeout', 'PipeWrap', 'ProcessWrap'] as const;

type Counts = Record<(typeof WATCHED)[number], number>;

function countResources(): Counts {
  const counts = Object.fromEntries(WATCHED.map((k) => [k, 0])) as Counts;
  for (const name of process.getActiveResourcesInfo()) {
    if (name in counts) counts[name as keyof Counts] += 1;
  }
  return counts;
}

function grown(before: Counts, after: Counts): string[] {
  return WATCHED.filter((k) => after[k] > before[k]).map(
    (k) => `${k}: ${before[k]} -> ${after[k]}`,
  );
}

/**
 * Registers `beforeEach`/`afterEach` hooks that fail a test which leaves more sockets,
 * servers, timers or child processes open than it found. Closing is often asynchronous, so
 * the check waits (up to `graceMs`) for the counts to come back down before failing.
 */
export function installLeakCheck(graceMs = 2_000): void {
  let before: Counts;
  beforeEach(() => {
    before = countResources();
  });
  afterEach(async () => {
    let leaks: string[] = [];
    try {
      await waitUntil(
        () => {
          leaks = grown(before, countResources());
          return leaks.length === 0;
        },
        { timeoutMs: graceMs, intervalMs: 20 },
      );
    } catch {
      throw new Error(`test leaked resources: ${leaks.join(', ')}`);
    }
  });
}
