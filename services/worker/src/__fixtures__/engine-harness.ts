import {
  jobSubmissionSchema,
  type JobSubmissionInput,
  type StoredDevice,
} from '@fleetpush/contracts';
import { startFleet, type SimFleet, type SimFleetOptions } from '@fleetpush/device-sim';
import { SecretBox } from '@fleetpush/inventory';
import { DeviceTaskQueue } from '@fleetpush/queue';
import { createLogger, type Logger } from '@fleetpush/runtime';
import {
  createJob,
  EventLog,
  JobReader,
  planJob,
  redisKeys,
  RunCoordinator,
  type RedisKeys,
} from '@fleetpush/store';
import { waitUntil, withRedis } from '@fleetpush/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { type Redis } from 'ioredis';
import {
  createWorkerService,
  type WorkerService,
  type WorkerServiceConfig,
  type WorkerServiceOptions,
} from '../worker-service';

/** A quiet logger for tests (set FLEETPUSH_TEST_LOGS=1 to see worker logs). */
export function testLogger(): Logger {
  const sink = new Writable({ write: (_chunk, _enc, done) => done() });
  return createLogger({ service: 'worker-test', level: 'warn', destination: sink });
}

/** The inventory records of a simulated fleet, passwords sealed with `box`. */
export function inventoryOf(fleet: SimFleet, box: SecretBox): StoredDevice[] {
  const now = new Date().toISOString();
  return fleet.devices.map((d) => ({
    key: d.key,
    host: d.host,
    port: d.port,
    device_type: d.platform,
    name: d.hostname,
    username: d.username,
    password_sealed: box.seal(d.password, d.key),
    ...(d.enableSecret ? { enable_secret_sealed: box.seal(d.enableSecret, d.key) } : {}),
    verify_commands: [],
    host_vars: {},
    vars: {},
    prod: false,
    tags: [],
    created_at: now,
    updated_at: now,
  }));
}

/** A simulated fleet, Redis keys under a test prefix, and workers to run jobs on them. */
export class EngineHarness {
  readonly keys: RedisKeys;
  /** The key that seals device secrets (what FLEETPUSH_SECRET_KEY holds in production). */
  readonly secretKey = randomBytes(32);
  readonly box = new SecretBox(this.secretKey);
  readonly reader: JobReader;
  readonly coordinator: RunCoordinator;
  readonly events: EventLog;
  readonly queue: DeviceTaskQueue;
  readonly workers: WorkerService[] = [];
  inventory: StoredDevice[] = [];

  private constructor(
    readonly redis: Redis,
    readonly url: string,
    readonly prefix: string,
    readonly fleet: SimFleet,
  ) {
    this.keys = redisKeys(prefix);
    this.reader = new JobReader(redis, this.keys);
    this.coordinator = new RunCoordinator(redis, this.keys);
    this.events = new EventLog(redis, this.keys);
    // Chaos tests stop Redis on purpose: connection errors are expected, not news.
    this.queue = new DeviceTaskQueue(redis, prefix, () => undefined);
  }

  /** Starts a fleet; the caller owns `close()`. */
  static async start(
    redis: Redis,
    url: string,
    prefix: string,
    fleet: SimFleetOptions,
  ): Promise<EngineHarness> {
    const harness = new EngineHarness(redis, url, prefix, await startFleet(fleet));
    harness.inventory = inventoryOf(harness.fleet, harness.box);
    return harness;
  }

  /** The config of a worker of this harness. */
  workerConfig(overrides: Partial<WorkerServiceConfig> = {}): WorkerServiceConfig {
    return {
      redisUrl: this.url,
      prefix: this.prefix,
      workerConcurrency: 50,
      maxSshSessions: 1000,
      loginRate: 10_000,
      hostKeyPolicy: 'tofu',
      secretKey: this.secretKey,
      ...overrides,
    };
  }

  /** Starts an in-process worker. */
  async startWorker(
    overrides: Partial<WorkerServiceConfig> = {},
    options: WorkerServiceOptions = {},
  ): Promise<WorkerService> {
    const worker = createWorkerService(this.workerConfig(overrides), testLogger(), {
      reconciler: { intervalMs: 300, graceMs: 1_000, queuedGraceMs: 1_000 },
      ...options,
    });
    await worker.start();
    this.workers.push(worker);
    return worker;
  }

  /**
   * Plans, stores and starts a job; returns its id. Throws with the problems when refused.
   * `awaitingApproval`: stored held for a second person's approval, as the API's policy does.
   */
  async submit(
    body: Partial<JobSubmissionInput>,
    options: { start?: boolean; awaitingApproval?: boolean } = {},
  ): Promise<string> {
    const submission = jobSubmissionSchema.parse({
      name: 'test',
      commands: ['ntp server 10.0.0.1'],
      targets: ['all'],
      ...body,
    });
    const id = randomUUID();
    const planned = planJob({
      id,
      actor: 'tester',
      now: new Date(),
      submission,
      inventory: this.inventory,
    });
    if (!planned.ok) throw new Error(JSON.stringify(planned.problems));
    const awaitingApproval = options.awaitingApproval === true;
    await createJob(this.redis, this.keys, { ...planned.value.job, awaitingApproval });
    // a scheduled job waits for a worker's reconciler to start it, as the API leaves it
    if (options.start === false || planned.value.job.startAt || awaitingApproval) return id;
    const dispatch = (await this.coordinator.start(id, 'tester')) ?? [];
    await this.queue.enqueue(dispatch.map((d) => ({ jobId: id, runId: id, ...d })));
    return id;
  }

  /** Waits until the job is terminal; returns its status. */
  async waitForEnd(jobId: string, timeoutMs = 60_000): Promise<string> {
    return waitUntil(
      async () => {
        const status = (await this.reader.record(jobId))?.status;
        return status && ['completed', 'failed', 'cancelled'].includes(status) ? status : undefined;
      },
      { timeoutMs, intervalMs: 25, description: `job ${jobId} to end` },
    );
  }

  /** Device states of a job by device key. */
  async statesByKey(jobId: string): Promise<Map<string, string>> {
    const states = await this.reader.deviceStates(jobId);
    const out = new Map<string, string>();
    for (const [index, state] of states)
      out.set((await this.reader.deviceKey(jobId, index))!, state);
    return out;
  }

  /** Stops the workers and the fleet. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
    await this.queue.close();
    await this.fleet.close();
  }
}

/** Runs `fn` with a harness on a fresh key prefix, closing everything after. */
export async function withEngine<T>(
  ctx: { redis: Redis; url: string; prefix: string },
  fleet: SimFleetOptions,
  fn: (h: EngineHarness) => Promise<T>,
): Promise<T> {
  const harness = await EngineHarness.start(ctx.redis, ctx.url, ctx.prefix, fleet);
  try {
    return await fn(harness);
  } finally {
    await harness.close();
  }
}

/**
 * Runs `fn` with a harness over a fresh Redis prefix and a fleet of `devices` `cisco_ios`
 * devices, each command taking `latencyMs` (0: at once).
 */
export function withIosEngine(
  devices: number,
  fn: (h: EngineHarness) => Promise<void>,
  latencyMs = 0,
): Promise<void> {
  return withRedis((ctx) =>
    withEngine(
      ctx,
      {
        devices,
        platforms: ['cisco_ios'],
        faults: latencyMs ? { commandLatencyMs: latencyMs } : undefined,
      },
      fn,
    ),
  );
}
