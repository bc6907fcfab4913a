import {
  collectDefaultMetrics,
  Counter,
  Gauge,
  Histogram,
  Registry,
  type CounterConfiguration,
  type GaugeConfiguration,
  type HistogramConfiguration,
} from 'prom-client';
import { METRIC_PREFIX } from './metric-names';

/** Options of {@link MetricsRegistry}. */
export interface MetricsRegistryOptions {
  /** The service name, a label on every series (`service="worker"`). */
  readonly service: string;
  /**
   * Also export the process metrics (CPU, memory, event-loop lag, GC), prefixed `fleetpush_`.
   * Services turn it on in `main.ts`; tests leave it off (each call adds GC observers).
   */
  readonly processMetrics?: boolean;
}

/** What `/metrics` answers. */
export interface MetricsExposition {
  readonly contentType: string;
  readonly body: string;
}

/** A label set: label name → value. */
export type Labels<L extends string> = Partial<Record<L, string | number>>;

/**
 * One process's Prometheus registry (prom-client's, kept inside libs/runtime so that no service
 * imports prom-client). Services register their collectors through the `register*Metrics`
 * functions and serve {@link MetricsRegistry.exposition} at `/metrics`.
 */
export class MetricsRegistry {
  private readonly registry = new Registry();

  constructor(options: MetricsRegistryOptions) {
    this.registry.setDefaultLabels({ service: options.service });
    if (options.processMetrics === true) {
      collectDefaultMetrics({ register: this.registry, prefix: METRIC_PREFIX });
    }
  }

  /** Registers a counter. */
  counter<L extends string>(config: Omit<CounterConfiguration<L>, 'registers'>): Counter<L> {
    return new Counter<L>({ ...config, registers: [this.registry] });
  }

  /** Registers a gauge (give it `collect` to read its value at scrape time). */
  gauge<L extends string>(config: Omit<GaugeConfiguration<L>, 'registers'>): Gauge<L> {
    return new Gauge<L>({ ...config, registers: [this.registry] });
  }

  /** Registers a histogram. */
  histogram<L extends string>(config: Omit<HistogramConfiguration<L>, 'registers'>): Histogram<L> {
    return new Histogram<L>({ ...config, registers: [this.registry] });
  }

  /** The text exposition format, collecting the scrape-time gauges first. */
  async exposition(): Promise<MetricsExposition> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  /**
   * The series names a scrape can show: a histogram's `_bucket`, `_sum` and `_count`, every
   * other metric's own name. What alert rules may refer to.
   */
  seriesNames(): string[] {
    return this.registry.getMetricsAsArray().flatMap((metric) => {
      const { name, type } = metric as unknown as { name: string; type: string };
      return type === 'histogram' ? [`${name}_bucket`, `${name}_sum`, `${name}_count`] : [name];
    });
  }
}
