import { FAILURE_CODES } from '@fleetpush/domain';
import { bullPrefix, DEVICE_TASK_QUEUE } from '@fleetpush/queue';
import { asRecord, parseYaml, readText } from './deploy-files';

const FILE = 'deploy/prometheus/alerts.yml';
const groups = asRecord(parseYaml(FILE)[0], FILE).groups as Record<string, unknown>[];
const rules = groups.flatMap((group) => group.rules as Record<string, unknown>[]);

describe(FILE, () => {
  it('alerts on a stuck job, a growing queue, missing heartbeats and the error rate', () => {
    expect(rules.map((rule) => rule.alert)).toEqual(
      expect.arrayContaining([
        'FleetpushJobStuck',
        'FleetpushQueueDepthGrowing',
        'FleetpushNoWorkers',
        'FleetpushDeviceErrorRate',
      ]),
    );
  });

  it.each(rules.map((rule) => [String(rule.alert), rule] as const))(
    '%s has an expression, a duration, a severity and a summary',
    (_alert, rule) => {
      expect(typeof rule.expr).toBe('string');
      expect(String(rule.for)).toMatch(/^\d+[smh]$/);
      expect(['warning', 'critical']).toContain(asRecord(rule.labels, 'labels').severity);
      expect(asRecord(rule.annotations, 'annotations').summary).toEqual(expect.any(String));
    },
  );

  it('reads the Redis keys fleetpush writes under the default prefix', () => {
    const text = readText(FILE);
    expect(text).toContain(`key="${bullPrefix('fleetpush')}:${DEVICE_TASK_QUEUE}:wait"`);
    expect(text).toContain('key="fleetpush:workers:*"');
  });

  it('names only real failure codes', () => {
    const named = readText(FILE).match(/\b[a-z]+(?:_[a-z]+)+\b/g) ?? [];
    const codeLike = named.filter((word) => /_(failed|timeout|mismatch|crash)$/.test(word));
    expect(codeLike.length).toBeGreaterThan(0);
    for (const code of codeLike) expect(FAILURE_CODES).toContain(code);
  });
});
