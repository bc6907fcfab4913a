import fc from 'fast-check';
import { FAILURE_CODES, type FailureCode, isTransientFailure } from './failure-code';
import {
  attemptsFor,
  DEFAULT_RETRY_POLICY,
  type FailedAttempt,
  retryDelayMs,
  retryPolicy,
  shouldRetry,
} from './retry-policy';

const policy = DEFAULT_RETRY_POLICY;
const failure = (overrides: Partial<FailedAttempt> = {}): FailedAttempt => ({
  code: 'connection_timeout',
  configMayHaveChanged: false,
  attempt: 1,
  isCanary: false,
  ...overrides,
});

describe('retryPolicy', () => {
  it('defaults to 2 attempts, 1 s base, 30 s cap, no retry after apply', () => {
    expect(retryPolicy()).toEqual({
      ok: true,
      value: { attempts: 2, baseDelayMs: 1_000, maxDelayMs: 30_000, retryAfterApply: false },
    });
    expect(retryPolicy({ attempts: 4, retryAfterApply: undefined })).toMatchObject({
      ok: true,
      value: { attempts: 4, retryAfterApply: false },
    });
  });

  it('names every bad field', () => {
    const result = retryPolicy({ attempts: 0, baseDelayMs: -1, maxDelayMs: Number.NaN });
    expect(result.ok ? [] : result.error.map((issue) => issue.field)).toEqual([
      'attempts',
      'baseDelayMs',
      'maxDelayMs',
    ]);
    const capBelowBase = retryPolicy({ baseDelayMs: 5_000, maxDelayMs: 1_000 });
    expect(capBelowBase.ok ? [] : capBelowBase.error.map((issue) => issue.field)).toEqual([
      'maxDelayMs',
    ]);
    expect(retryPolicy({ attempts: 1.5 }).ok).toBe(false);
  });
});

describe('shouldRetry', () => {
  it('never retries the canary, which always gets exactly one attempt', () => {
    const generous = { ...policy, attempts: 5, retryAfterApply: true };
    expect(attemptsFor(generous, true)).toBe(1);
    expect(attemptsFor(generous, false)).toBe(5);
    expect(shouldRetry(generous, failure({ isCanary: true }))).toBe(false);
  });

  it('retries a transient failure before apply while attempts remain', () => {
    expect(shouldRetry(policy, failure({ attempt: 1 }))).toBe(true);
    expect(shouldRetry(policy, failure({ attempt: 2 }))).toBe(false);
    expect(shouldRetry({ ...policy, attempts: 1 }, failure())).toBe(false);
    expect(shouldRetry({ ...policy, attempts: 3 }, failure({ attempt: 2 }))).toBe(true);
  });

  it.each<FailureCode>([
    'command_error',
    'host_key_mismatch',
    'host_key_unknown',
    'assertion_failed',
    'credentials_unavailable',
    'internal_error',
    'aborted',
  ])('never retries %s, which would fail the same way again', (code) => {
    expect(shouldRetry({ ...policy, attempts: 5, retryAfterApply: true }, failure({ code }))).toBe(
      false,
    );
  });

  it('retries after apply began only when the job opted in', () => {
    const afterApply = failure({ code: 'session_dropped', configMayHaveChanged: true });
    expect(shouldRetry(policy, afterApply)).toBe(false);
    expect(shouldRetry({ ...policy, retryAfterApply: true }, afterApply)).toBe(true);
  });

  it('retries exactly: non-canary, attempts left, transient, and not after apply unless opted in', () => {
    fc.assert(
      fc.property(
        fc.record({
          code: fc.constantFrom(...FAILURE_CODES),
          configMayHaveChanged: fc.boolean(),
          attempt: fc.integer({ min: 1, max: 6 }),
          isCanary: fc.boolean(),
        }),
        fc.integer({ min: 1, max: 5 }),
        fc.boolean(),
        (f, attempts, retryAfterApply) => {
          const expected =
            !f.isCanary &&
            f.attempt < attempts &&
            isTransientFailure(f.code) &&
            (!f.configMayHaveChanged || retryAfterApply);
          expect(shouldRetry({ ...policy, attempts, retryAfterApply }, f)).toBe(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('retryDelayMs', () => {
  it('doubles the ceiling with each attempt, up to the cap', () => {
    const top = (attempt: number): number => retryDelayMs(policy, attempt, () => 0.999_999_999);
    expect([1, 2, 3, 4, 5, 6, 7, 50].map(top)).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000,
    ]);
  });

  it('draws from zero (full jitter), and never leaves [0, ceiling] whatever random returns', () => {
    expect(retryDelayMs(policy, 3, () => 0)).toBe(0);
    expect(retryDelayMs(policy, 3, () => 0.5)).toBe(2_000);
    expect(retryDelayMs(policy, 3, () => 1)).toBe(4_000);
    expect(retryDelayMs(policy, 3, () => Number.NaN)).toBe(0);
    expect(retryDelayMs(policy, 3, () => -3)).toBe(0);
    expect(retryDelayMs({ ...policy, baseDelayMs: 0 }, 3, () => 0.7)).toBe(0);
  });

  it('stays a whole number of ms within [0, min(cap, base·2^(attempt−1))]', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 1, max: 80 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (base, extra, attempt, r) => {
          const p = { ...policy, baseDelayMs: base, maxDelayMs: base + extra };
          const delay = retryDelayMs(p, attempt, () => r);
          expect(Number.isInteger(delay)).toBe(true);
          expect(delay).toBeGreaterThanOrEqual(0);
          expect(delay).toBeLessThanOrEqual(Math.min(base + extra, base * 2 ** (attempt - 1)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('spreads the delays uniformly over the range', () => {
    let seed = 7;
    const random = (): number => {
      seed = (seed * 16_807) % 2_147_483_647; // Park–Miller, deterministic
      return (seed - 1) / 2_147_483_646;
    };
    const p = { ...policy, baseDelayMs: 1_000 };
    const buckets = [0, 0, 0, 0];
    for (let i = 0; i < 4_000; i++) {
      const delay = retryDelayMs(p, 1, random);
      buckets[Math.min(3, Math.floor(delay / 250))]! += 1;
    }
    for (const count of buckets) expect(count).toBeGreaterThan(850); // 1,000 expected each
  });
});
