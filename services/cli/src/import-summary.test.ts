import { importSummary } from './import-summary';

describe('importSummary', () => {
  const base = { total: 3, imported: 3, rejected: [] };

  it('says how many devices a replace deleted', () => {
    expect(importSummary({ ...base, mode: 'replace', created: 1, updated: 2, removed: 10 })).toBe(
      'imported 3 of 3 devices (replace: 1 created, 2 updated, 10 removed)',
    );
  });

  it('says nothing of removal for a merge, which removes nothing', () => {
    expect(importSummary({ ...base, mode: 'merge', created: 3, updated: 0, removed: 0 })).toBe(
      'imported 3 of 3 devices (merge: 3 created, 0 updated)',
    );
  });
});
