import { FAILURE_CODES } from '@fleetpush/domain';
import { bullPrefix, DEVICE_TASK_QUEUE } from '@fleetpush/queue';
import {
  METRIC_NAMES,
  MetricsRegistry,
  registerApiMetrics,
  registerClusterMetrics,
  registerGatewayMetrics,
  registerWorkerMetrics,
} from '@fleetpush/runtime';
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

describe(`${FILE} and the services' metrics`, () => {
  /** Every series the api, worker and gateway export, as their registries declare them. */
  const exported = (() => {
    const registry = new MetricsRegistry({ service: 'all', processMetrics: true });
    registerClusterMetrics(registry, {
      jobsByState: async () => ({}),
      queueDepth: async () => ({}),
    });
    registerWorkerMetrics(registry, { openSessions: () => 0 });
    registerApiMetrics(registry);
    registerGatewayMetrics(registry);
    return new Set(registry.seriesNames());
  })();

  it.each(rules.map((rule) => [String(rule.alert), String(rule.expr)] as const))(
    '%s names only series the services export',
    (_alert, expr) => {
      const named = expr.match(/\bfleetpush_[a-z0-9_]+\b/g) ?? [];
      expect(named.filter((series) => !exported.has(series))).toEqual([]);
    },
  );

  it('uses fleetpush metrics for the job, error-rate and lag alerts', () => {
    const exprOf = (alert: string): string =>
      String(rules.find((rule) => rule.alert === alert)?.expr);
    expect(exprOf('FleetpushJobStuck')).toContain(METRIC_NAMES.jobs);
    expect(exprOf('FleetpushDeviceErrorRate')).toContain(METRIC_NAMES.deviceTasks);
    expect(exprOf('FleetpushEventLag')).toContain(`${METRIC_NAMES.eventLag}_bucket`);
  });

  it('catches a series no service exports', () => {
    expect(exported.has('fleetpush_event_lag_seconds')).toBe(false);
    expect(exported.has('fleetpush_event_lag_seconds_bucket')).toBe(true);
  });
});
