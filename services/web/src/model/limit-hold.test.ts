import { followsLimitHold, jobLimits, limitHoldText } from './limit-hold';

const limited = {
  strategy: {
    concurrency: 10,
    limits: [
      { per: 'site', concurrency: 1 },
      { tag: 'core', concurrency: 2 },
    ],
  },
};

describe('limitHoldText', () => {
  it('says how many devices wait, and every rule of the job with its cap', () => {
    expect(limitHoldText({ status: 'running', spec: limited, run: { held_by_limits: 12 } })).toBe(
      '12 devices wait for their group limits — per site: at most 1 at a time; tag core: at most 2 at a time',
    );
  });

  it('says one device in the singular', () => {
    const spec = { strategy: { limits: [{ per: 'site', concurrency: 1 }] } };
    expect(limitHoldText({ status: 'paused', spec, run: { held_by_limits: 1 } })).toBe(
      '1 device waits for its group limits — per site: at most 1 at a time',
    );
  });

  it('is null when no device is held back, or the API does not say (older than held_by_limits)', () => {
    for (const run of [{ held_by_limits: 0 }, {}])
      expect(limitHoldText({ status: 'running', spec: limited, run })).toBeNull();
  });

  it('is null once the job no longer runs (a count read before it ended)', () => {
    for (const status of ['queued', 'cancelling', 'completed', 'failed', 'cancelled'])
      expect(limitHoldText({ status, spec: limited, run: { held_by_limits: 3 } })).toBeNull();
  });
});

describe('jobLimits', () => {
  it('reads the stored rules in their order, leaving out what it cannot read', () => {
    const spec = { strategy: { limits: [{ tag: 'core', concurrency: 1 }, { concurrency: 2 }] } };
    expect(jobLimits(spec)).toEqual([{ tag: 'core', concurrency: 1 }]);
    for (const none of [{}, { strategy: {} }, { strategy: { limits: 'x' } }, null])
      expect(jobLimits(none)).toEqual([]);
  });
});

describe('followsLimitHold', () => {
  it('follows a running or paused job with limits, nothing else', () => {
    expect(followsLimitHold({ status: 'running', spec: limited })).toBe(true);
    expect(followsLimitHold({ status: 'paused', spec: limited })).toBe(true);
    expect(followsLimitHold({ status: 'completed', spec: limited })).toBe(false);
    expect(followsLimitHold({ status: 'queued', spec: limited })).toBe(false);
    expect(followsLimitHold({ status: 'running', spec: { strategy: { concurrency: 10 } } })).toBe(
      false,
    );
  });
});
