import { buildTemplateScope } from '@fleetpush/domain';
import { limitCoverage } from './group-limits';

function target(tags: string[], site?: string) {
  return {
    tags,
    scope: buildTemplateScope({
      device: { host: '10.0.0.1', port: 22, deviceType: 'cisco_ios', prod: false },
      hostVars: site === undefined ? {} : { site },
    }),
  };
}

describe('limitCoverage', () => {
  it('says how many targets and groups each rule covers, so a rule that covers nothing shows', () => {
    const targets = [
      target(['core'], 'ams'),
      target(['edge'], 'ams'),
      target([], 'fra'),
      target([]),
    ];
    expect(
      limitCoverage(
        [
          { tag: 'core', concurrency: 1 },
          { per: 'site', concurrency: 2 },
          { tag: 'cor', concurrency: 1 },
        ],
        targets,
      ),
    ).toEqual([
      { rule: 'tag core', concurrency: 1, groups: 1, devices: 1 },
      { rule: 'per site', concurrency: 2, groups: 2, devices: 3 },
      { rule: 'tag cor', concurrency: 1, groups: 0, devices: 0 },
    ]);
    expect(limitCoverage(undefined, targets)).toEqual([]);
  });
});
