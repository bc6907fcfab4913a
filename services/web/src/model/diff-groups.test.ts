import type { DiffRecord } from '@fleetpush/contracts';
import { groupByDiff } from './diff-groups';

function changed(hash: string, added = 1, removed = 1): DiffRecord {
  return {
    status: 'changed',
    body: '',
    truncated: false,
    size: 0,
    original_size: 0,
    added,
    removed,
    hash,
  };
}

describe('groupByDiff', () => {
  it('puts devices with the same diff hash together, largest group first', () => {
    const groups = groupByDiff([
      { key: 'a:22', diff: changed('h1') },
      { key: 'b:22', diff: changed('h2', 3, 0) },
      { key: 'c:22', diff: changed('h2', 3, 0) },
      { key: 'd:22', diff: { status: 'empty' } },
      { key: 'e:22', diff: undefined },
      { key: 'f:22', diff: changed('h2', 3, 0) },
    ]);
    expect(groups.map((g) => [g.id, g.keys])).toEqual([
      ['hash:h2', ['b:22', 'c:22', 'f:22']],
      ['hash:h1', ['a:22']],
      ['empty', ['d:22']],
      ['none', ['e:22']],
    ]);
    expect(groups[0]!.label).toBe('+3 −0');
  });

  it('treats a diff that was not computed like no diff', () => {
    const groups = groupByDiff([
      { key: 'a:22', diff: { status: 'not_computed', reason: 'verify off' } },
    ]);
    expect(groups).toEqual([expect.objectContaining({ id: 'none', label: 'no diff' })]);
  });
});
