import type { WorkerConfig } from '@fleetpush/config';
import type { AwaitingApproval } from '@fleetpush/contracts';
import { SecretBox } from '@fleetpush/inventory';
import {
  MetricsRegistry,
  redisAnswers,
  registerClusterMetrics,
  registerWorkerMetrics,
  startProbeServer,
  type Logger,
  type ProbeServer,
} from '@fleetpush/runtime';
import {
  createDeviceTaskWorker,
  createWebhookWorker,
  DeviceTaskQueue,
  WebhookQueue,
} from '@fleetpush/queue';
import {
  DeviceLeases,
  EventLog,
  FleetLimits,
  JobReader,
  RedisHostKeyStore,
  redisKeys,
  RunCoordinator,
  WorkerRegistry,
} from '@fleetpush/store';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { ControlListener } from './control-listener';
import { DeviceContextLoader } from './device-context';
import { DeviceTaskProcessor } from './device-task-processor';
import { Reconciler, type ReconcilerOptions } from './reconciler';
import { SessionOpener, type ConnectFn } from './session-opener';
import { notifyUrlOf } from './webhook-body';
import { WebhookSender } from './webhook-sender';

/** Webhook deliveries in flight per worker process: each is one short POST. */
const WEBHOOK_CONCURRENCY = 10;

/** The worker settings a service needs (a subset of the worker's config). */
export type WorkerServiceConfig = Pick<
  WorkerConfig,
  'redisUrl' | 'prefix' | 'workerConcurrency' | 'maxSshSessions' | 'loginRate' | 'hostKeyPolicy'
> & {
  readonly secretKey: Uint8Array;
  /**
   * Port of the probes and `/metrics` (`FLEETPUSH_WORKER_HTTP_PORT`; 0 = any free one);
   * without it the worker serves no HTTP (in-process test workers).
   */
  readonly workerHttpPort?: number;
  /** `FLEETPUSH_WEBHOOK_SECRET` (revealed); unset = unsigned webhooks. */
  readonly webhookSecret?: string;
  /** `FLEETPUSH_JOB_RETENTION_DAYS`; unset or 0 keeps finished jobs forever. */
  readonly jobRetentionDays?: number;
};

/** A running worker: the device-task consumer, the control listener and the reconciler. */
export interface WorkerService {
  readonly id: string;
  /** The port of `/healthz`, `/readyz` and `/metrics` once started, if it serves them. */
  readonly httpPort: number | undefined;
  /** This process's metrics (what `/metrics` serves). */
  readonly metrics: MetricsRegistry;
  start(): Promise<void>;
  /** Stops taking work, lets in-flight devices finish, closes connections; idempotent. */
  close(): Promise<void>;
}

/**
 * Builds a worker process's parts. Nothing here assumes a single worker: run as many as
 * wanted, on one machine or many.
 */
/** Seams for tests and benchmarks. */
export interface WorkerServiceOptions {
  /** Device lease TTL (default 30 s; renewed every third of it while a device runs). */
  readonly leaseTtlMs?: number;
  readonly reconciler?: ReconcilerOptions;
  /** Replaces the SSH login (a benchmark of orchestration alone passes a session without SSH). */
  readonly connect?: ConnectFn;
  /** Export the process metrics (CPU, memory, GC) too; `main.ts` turns it on. */
  readonly processMetrics?: boolean;
  /** Webhook retry backoff base and receiver timeout (tests shorten them). */
  readonly webhooks?: { readonly backoffMs?: number; readonly timeoutMs?: number };
}

export function createWorkerService(
  config: WorkerServiceConfig,
  logger: Logger,
  options: WorkerServiceOptions = {},
): WorkerService {
  const id = `worker-${randomUUID().slice(0, 8)}`;
  const redis = new Redis(config.redisUrl, {
    maxRetriesPerRequest: null,
    enableAutoPipelining: true,
  });
  const bullConnection = new Redis(config.redisUrl, { maxRetriesPerRequest: null });
  const subscriber = new Redis(config.redisUrl, { maxRetriesPerRequest: null });
  // BullMQ's Queue defines ~40 scripts on its connection, and ioredis copies them into every
  // (auto-)pipeline: the queues (device tasks and webhooks) get a connection of their own,
  // without auto-pipelining
  const queueConnection = new Redis(config.redisUrl, { maxRetriesPerRequest: null });
  for (const connection of [redis, bullConnection, subscriber, queueConnection]) {
    connection.on('error', (error: Error) =>
      logger.warn({ err: error.message }, 'redis connection error'),
    );
  }
  const keys = redisKeys(config.prefix);
  const reader = new JobReader(redis, keys);
  const coordinator = new RunCoordinator(redis, keys);
  const queue = new DeviceTaskQueue(queueConnection, config.prefix, (error) =>
    logger.warn({ err: error.message }, 'device-task queue error'),
  );
  const control = new ControlListener(subscriber, redis, keys);
  const metrics = new MetricsRegistry({
    service: 'worker',
    processMetrics: options.processMetrics,
  });
  const sessions = new SessionOpener({
    limits: new FleetLimits(redis, config.prefix, {
      maxSessions: config.maxSshSessions,
      loginsPerSecond: config.loginRate,
    }),
    secrets: new SecretBox(config.secretKey),
    hostKeys: new RedisHostKeyStore(redis, config.prefix),
    hostKeyPolicy: config.hostKeyPolicy,
    connect: options.connect,
    onLogin: () => workerMetrics.sshLogin(),
  });
  const workerMetrics = registerWorkerMetrics(metrics, { openSessions: () => sessions.openCount });
  const processor = new DeviceTaskProcessor({
    coordinator,
    contexts: new DeviceContextLoader(reader),
    queue,
    events: new EventLog(redis, keys),
    leases: new DeviceLeases(redis, config.prefix, options.leaseTtlMs),
    sessions,
    control,
    logger,
    workerId: id,
    metrics: workerMetrics,
  });
  const webhookQueue = new WebhookQueue(queueConnection, config.prefix, {
    backoffMs: options.webhooks?.backoffMs,
    onError: (error) => logger.warn({ err: error.message }, 'webhook queue error'),
  });
  // a job's end, or (with `awaiting`) its approval notice, for a job that asked for webhooks
  const enqueueWebhook = async (jobId: string, awaiting?: AwaitingApproval): Promise<void> => {
    if (notifyUrlOf((await reader.record(jobId))?.spec) !== undefined) {
      await webhookQueue.enqueue(jobId, awaiting);
    }
  };
  const reconciler = new Reconciler(redis, keys, reader, coordinator, queue, id, logger, {
    jobRetentionMs: (config.jobRetentionDays ?? 0) * 86_400_000,
    ...options.reconciler,
    onJobFinished: (jobId) => enqueueWebhook(jobId),
    onAwaitingApproval: enqueueWebhook,
  });
  const sender = new WebhookSender({
    reader,
    logger,
    secret: config.webhookSecret,
    timeoutMs: options.webhooks?.timeoutMs,
  });
  const webhookWorker = createWebhookWorker({
    connection: bullConnection,
    prefix: config.prefix,
    concurrency: WEBHOOK_CONCURRENCY,
    processor: (payload, attempt) => sender.deliver(payload, attempt),
    autorun: false,
  });
  webhookWorker.on('error', (error) => logger.warn({ err: error.message }, 'webhook worker error'));
  const worker = createDeviceTaskWorker({
    connection: bullConnection,
    prefix: config.prefix,
    concurrency: config.workerConcurrency,
    processor: (payload, signal) => processor.process(payload, signal),
    autorun: false,
  });
  worker.on('error', (error) => logger.warn({ err: error.message }, 'device-task worker error'));
  registerClusterMetrics(metrics, {
    jobsByState: () => reader.activeJobsByState(),
    queueDepth: () => queue.depth(),
  });
  const registry = new WorkerRegistry(redis, keys);
  const info = {
    id,
    pid: process.pid,
    host: hostname(),
    concurrency: config.workerConcurrency,
    startedAt: new Date().toISOString(),
  };
  const beat = (): void => void registry.beat(info).catch(() => undefined);
  let heartbeat: NodeJS.Timeout | undefined;
  let probes: ProbeServer | undefined;
  let closing: Promise<void> | undefined;
  // Ready = Redis answers and this worker takes tasks: running, and not draining.
  const checks = {
    redis: redisAnswers(redis),
    consuming: () => closing === undefined && worker.isRunning() && !worker.isPaused(),
  };
  return {
    id,
    metrics,
    get httpPort() {
      return probes?.port;
    },
    async start() {
      await control.start();
      reconciler.start();
      void worker.run();
      void webhookWorker.run();
      await registry.beat(info);
      heartbeat = setInterval(beat, WorkerRegistry.intervalMs);
      if (config.workerHttpPort !== undefined)
        probes = await startProbeServer({ port: config.workerHttpPort, checks, metrics });
      logger.info(
        { workerId: id, concurrency: config.workerConcurrency, httpPort: probes?.port },
        'worker started',
      );
    },
    close() {
      closing ??= (async () => {
        logger.info({ workerId: id }, 'worker draining: no new device tasks');
        if (heartbeat) clearInterval(heartbeat);
        await registry.remove(id).catch(() => undefined);
        // Waits for the in-flight devices (the process's drain timeout bounds it).
        await worker.close();
        await reconciler.close();
        await webhookWorker.close();
        await webhookQueue.close();
        await control.close();
        await queue.close();
        await probes?.close();
        for (const connection of [redis, bullConnection, subscriber, queueConnection])
          connection.disconnect();
        logger.info({ workerId: id }, 'worker stopped');
      })();
      return closing;
    },
  };
}
