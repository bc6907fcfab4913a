/** One memory sample of a process (or of Redis). */
export interface MemorySample {
  readonly atS: number;
  readonly bytes: number;
}

/** Growth a series may show after its first minute and still count as flat (fraction). */
export const FLAT_TOLERANCE = 0.15;
/** The warm-up left out of the flatness check (the "after the first minute"). */
export const WARM_UP_S = 60;

/** Whether a series stayed flat after the warm-up, and the figures that say so. */
export interface Flatness {
  readonly verdict: 'flat' | 'growing' | 'too short';
  /** First sample at or after the warm-up, in MB. */
  readonly afterWarmUpMb?: number;
  readonly lastMb?: number;
  readonly maxMb?: number;
}

/**
 * Compares the last sample with the first sample after the warm-up (time counted from the
 * series' own start: a restarted worker warms up again). Flat = grew by at most
 * {@link FLAT_TOLERANCE}.
 */
export function flatness(series: readonly MemorySample[]): Flatness {
  const start = series[0]?.atS ?? 0;
  const after = series.filter((s) => s.atS - start >= WARM_UP_S);
  if (after.length < 2) return { verdict: 'too short' };
  const mb = (b: number) => Math.round(b / 1e5) / 10;
  const first = after[0]!.bytes;
  const last = after[after.length - 1]!.bytes;
  return {
    verdict: last <= first * (1 + FLAT_TOLERANCE) ? 'flat' : 'growing',
    afterWarmUpMb: mb(first),
    lastMb: mb(last),
    maxMb: mb(Math.max(...after.map((s) => s.bytes))),
  };
}
