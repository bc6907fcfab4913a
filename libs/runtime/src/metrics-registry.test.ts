import { metricValue } from '@fleetpush/testing';
import { registerApiMetrics } from './api-metrics';
import { registerClusterMetrics } from './cluster-metrics';
import { registerGatewayMetrics } from './gateway-metrics';
import { METRIC_NAMES } from './metric-names';
import { MetricsRegistry } from './metrics-registry';
import { registerWorkerMetrics } from './worker-metrics';

/** The value of a series written as `name{a="x",b="y"}` (label order free). */
function valueOf(body: string, series: string): number | undefined {
  const [name = '', labels = ''] = series.split('{');
  const wanted = Object.fromEntries(
    [...labels.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1] ?? '', m[2] ?? '']),
  );
  return metricValue(body, name, wanted);
}

describe('MetricsRegistry', () => {
  it('exposes what a worker counts, labelled with the service', async () => {
    const registry = new MetricsRegistry({ service: 'worker' });
    const metrics = registerWorkerMetrics(registry, { openSessions: () => 3 });
    metrics.deviceFinished('succeeded', undefined, 0.2);
    metrics.deviceFinished('succeeded', undefined, 0.3);
    metrics.deviceFinished('failed', 'auth_failed', 4);
    metrics.sshLogin();
    const { body, contentType } = await registry.exposition();
    expect(contentType).toContain('text/plain');
    const ok = '{outcome="succeeded",failure_code="none",service="worker"}';
    expect(valueOf(body, `fleetpush_device_tasks_total${ok}`)).toBe(2);
    const failed = '{outcome="failed",failure_code="auth_failed",service="worker"}';
    expect(valueOf(body, `fleetpush_device_tasks_total${failed}`)).toBe(1);
    expect(
      valueOf(
        body,
        'fleetpush_device_duration_seconds_count{outcome="succeeded",service="worker"}',
      ),
    ).toBe(2);
    expect(valueOf(body, 'fleetpush_ssh_sessions_open{service="worker"}')).toBe(3);
    expect(valueOf(body, 'fleetpush_ssh_logins_total{service="worker"}')).toBe(1);
  });

  it('reads the cluster gauges at scrape time, and leaves them out when Redis fails', async () => {
    const registry = new MetricsRegistry({ service: 'api' });
    let fail = false;
    registerClusterMetrics(registry, {
      jobsByState: async () => (fail ? Promise.reject(new Error('down')) : { running: 2 }),
      queueDepth: async () => ({ waiting: 7, delayed: 0, active: 3 }),
    });
    let { body } = await registry.exposition();
    expect(valueOf(body, 'fleetpush_jobs{state="running",service="api"}')).toBe(2);
    expect(valueOf(body, 'fleetpush_jobs{state="paused",service="api"}')).toBe(0);
    expect(valueOf(body, 'fleetpush_queue_depth{state="waiting",service="api"}')).toBe(7);
    fail = true;
    ({ body } = await registry.exposition());
    expect(valueOf(body, 'fleetpush_jobs{state="running",service="api"}')).toBeUndefined();
    expect(valueOf(body, 'fleetpush_queue_depth{state="waiting",service="api"}')).toBe(7);
  });

  it('measures event lag from the event time and HTTP durations by route pattern', async () => {
    const registry = new MetricsRegistry({ service: 'gateway' });
    const gateway = registerGatewayMetrics(registry);
    const api = registerApiMetrics(registry);
    const now = Date.parse('2026-11-26T08:00:01.000Z');
    gateway.eventsEmitted(['2026-11-26T08:00:00.000Z', '2026-11-26T08:00:00.990Z'], now);
    api.httpRequest('GET', '/api/v1/jobs/:id', 200, 0.004);
    const { body } = await registry.exposition();
    expect(valueOf(body, 'fleetpush_event_lag_seconds_count{service="gateway"}')).toBe(2);
    expect(valueOf(body, 'fleetpush_event_lag_seconds_sum{service="gateway"}')).toBeCloseTo(1.01);
    expect(valueOf(body, 'fleetpush_event_lag_seconds_bucket{le="0.01",service="gateway"}')).toBe(
      1,
    );
    expect(body).toContain('route="/api/v1/jobs/:id"');
  });

  it('lists series names as a scrape shows them, histograms by their three series', () => {
    const registry = new MetricsRegistry({ service: 'worker' });
    registerWorkerMetrics(registry, { openSessions: () => 0 });
    expect(registry.seriesNames()).toEqual(
      expect.arrayContaining([
        METRIC_NAMES.deviceTasks,
        `${METRIC_NAMES.deviceDuration}_bucket`,
        `${METRIC_NAMES.deviceDuration}_count`,
        METRIC_NAMES.sshSessionsOpen,
      ]),
    );
    expect(registry.seriesNames()).not.toContain(METRIC_NAMES.deviceDuration);
  });

  it('prefixes the process metrics with fleetpush_', () => {
    const registry = new MetricsRegistry({ service: 'api', processMetrics: true });
    const names = registry.seriesNames();
    expect(names).toContain('fleetpush_process_cpu_seconds_total');
    expect(names.every((name) => name.startsWith('fleetpush_'))).toBe(true);
  });
});
