import { limitCoverageText } from './limit-coverage-text';

describe('limitCoverageText', () => {
  it('says what a rule covers: its cap, its groups and its devices', () => {
    expect(limitCoverageText({ rule: 'per site', concurrency: 1, groups: 3, devices: 12 })).toEqual(
      {
        text: 'per site: at most 1 at a time — 3 groups, 12 devices',
        warning: false,
      },
    );
    expect(
      limitCoverageText({ rule: 'tag core', concurrency: 2, groups: 1, devices: 1 }).text,
    ).toBe('tag core: at most 2 at a time — 1 group, 1 device');
  });

  it('warns of a rule that covers no target device (usually a typo)', () => {
    expect(limitCoverageText({ rule: 'tag cor', concurrency: 1, groups: 0, devices: 0 })).toEqual({
      text: 'tag cor covers no target device — check the name',
      warning: true,
    });
  });
});
