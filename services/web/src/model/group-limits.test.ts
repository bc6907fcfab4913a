import { concurrencyOf, limitsOf, newLimitRow, parseLimits, type LimitRow } from './group-limits';

const row = (kind: LimitRow['kind'], name: string, concurrency = '1'): LimitRow => ({
  kind,
  name,
  concurrency,
});

describe('concurrencyOf', () => {
  it('reads a whole number of 1 or more, spaces around it allowed', () => {
    expect(concurrencyOf('1')).toBe(1);
    expect(concurrencyOf(' 12 ')).toBe(12);
  });

  it('gives nothing for a blank, zero, negative, fractional or unreadable cap', () => {
    for (const text of ['', '  ', '0', '-1', '1.5', '1e2', 'two'])
      expect([text, concurrencyOf(text)]).toEqual([text, undefined]);
  });
});

describe('parseLimits', () => {
  it('turns each rule into a tag or a per-variable limit, in the order given, names trimmed', () => {
    expect(parseLimits([row('tag', ' core ', '1'), row('per', 'site', '2')])).toEqual({
      limits: [
        { tag: 'core', concurrency: 1 },
        { per: 'site', concurrency: 2 },
      ],
      problems: [],
    });
  });

  it('drops rows left without a name, whatever their cap', () => {
    expect(parseLimits([newLimitRow(), row('per', '  ', ''), row('per', 'site')])).toEqual({
      limits: [{ per: 'site', concurrency: 1 }],
      problems: [],
    });
  });

  it('reports a named rule whose cap is not a whole number of 1 or more by its row, and leaves it out', () => {
    expect(
      parseLimits([row('tag', 'core'), row('tag', 'edge', '0'), row('per', 'site', '')]),
    ).toEqual({
      limits: [{ tag: 'core', concurrency: 1 }],
      problems: [
        'group limit 2: "at most" must be a whole number of 1 or more',
        'group limit 3: "at most" must be a whole number of 1 or more',
      ],
    });
  });
});

describe('limitsOf', () => {
  it('gives no limits when the form has no rule, or only blank ones', () => {
    expect(limitsOf({ limits: [] })).toBeUndefined();
    expect(limitsOf({ limits: [newLimitRow()] })).toBeUndefined();
    expect(limitsOf({ limits: [row('per', 'site')] })).toEqual([{ per: 'site', concurrency: 1 }]);
  });
});
