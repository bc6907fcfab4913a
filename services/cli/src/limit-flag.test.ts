import { groupLimitSchema } from '@fleetpush/contracts';
import { UsageError } from './cli-errors';
import { limitFlag, limitFlags } from './limit-flag';

describe('limitFlag', () => {
  it('reads a tag rule and a per-variable rule as the API takes them', () => {
    expect(limitFlag('tag:core=1', '')).toEqual({ tag: 'core', concurrency: 1 });
    expect(limitFlag('per:site=2', '')).toEqual({ per: 'site', concurrency: 2 });
    expect(limitFlag('tag:dc1/rack-2.a=10', '')).toEqual({ tag: 'dc1/rack-2.a', concurrency: 10 });
    expect(limitFlag(' per:_pair9=1 ', '')).toEqual({ per: '_pair9', concurrency: 1 });
    for (const rule of ['tag:core=1', 'per:site=2'])
      expect(groupLimitSchema.safeParse(limitFlag(rule, '')).success).toBe(true);
  });

  it.each([
    ['tag:core', '--limit takes tag:NAME=N or per:VAR=N, got "tag:core"'],
    ['site=1', '--limit takes tag:NAME=N or per:VAR=N, got "site=1"'],
    ['type:ios=1', '--limit takes tag:NAME=N or per:VAR=N, got "type:ios=1"'],
    [
      'per:site=0',
      '--limit takes tag:NAME=N or per:VAR=N, got "per:site=0": N must be an integer >= 1',
    ],
    [
      'per:site=one',
      '--limit takes tag:NAME=N or per:VAR=N, got "per:site=one": N must be an integer >= 1',
    ],
    [
      'per:not-a-name=1',
      '--limit takes tag:NAME=N or per:VAR=N, got "per:not-a-name=1": VAR must be an identifier (letters, digits, _; not starting with a digit)',
    ],
    [
      'tag:=1',
      '--limit takes tag:NAME=N or per:VAR=N, got "tag:=1": NAME must be 1-64 chars of letters, digits, _ . - /',
    ],
  ])('refuses %j naming the flag and its form', (rule, message) => {
    const attempt = (): unknown => limitFlag(rule, 'usage text');
    expect(attempt).toThrow(UsageError);
    expect(attempt).toThrow(expect.objectContaining({ message, usage: 'usage text' }));
  });
});

describe('limitFlags', () => {
  it('keeps the rules in their order, and is absent without any', () => {
    expect(limitFlags(['per:site=1', 'tag:core=1'], '')).toEqual([
      { per: 'site', concurrency: 1 },
      { tag: 'core', concurrency: 1 },
    ]);
    expect(limitFlags(undefined, '')).toBeUndefined();
    expect(limitFlags([], '')).toBeUndefined();
  });
});
