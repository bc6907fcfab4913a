import { randomBytes } from 'node:crypto';
import type { FleetEvent } from '@fleetpush/contracts';
import { EventLog, redisKeys, WorkerRegistry } from '@fleetpush/store';
import { deleteKeysWithPrefix, freePort, waitUntil } from '@fleetpush/testing';
import type { Redis } from 'ioredis';
import {
  spawnWorker,
  stopWorkers,
  type WorkerProcess,
} from '../../services/worker/src/__fixtures__/worker-process';
import { spawnApi, type ApiProcess } from './api-process';
import { CHANGE_LINES, CHECK_COMMAND, type Measurement } from './change';
import { jobTimeline, timelineTable } from './job-timeline';
import { cpuTimes, rssBytes } from './process-usage';
import type { SimProcess } from './sim-process';

/** How often the bench polls `GET /jobs/{id}` and samples RSS (ms). */
const POLL_MS = 100;
const TERMINAL = new Set(['completed', 'failed', 'cancelled']);
/** Device states that are not a success. */
const NOT_OK = ['failed', 'aborted', 'skipped'];

/** Options of one fleetpush run. */
export interface FleetpushRunOptions {
  readonly redis: Redis;
  readonly redisUrl: string;
  /** Pid of the (private) Redis server, whose CPU and RSS count as fleetpush's. */
  readonly redisPid: number;
  readonly sim: SimProcess;
  readonly devices: number;
  readonly concurrency: number;
  readonly workers: number;
  readonly run: number;
  /** Run a dry run over the fleet before the measured job (see `PeersArgs.warm`). */
  readonly warm?: boolean;
  /** Print the measured job's timeline from its events (see `PeersArgs.timeline`). */
  readonly timeline?: boolean;
}

interface Stack {
  readonly api: ApiProcess;
  readonly workers: WorkerProcess[];
  readonly url: string;
  readonly token: string;
  readonly prefix: string;
}

async function startStack(o: FleetpushRunOptions): Promise<Stack> {
  const prefix = `fppeers-${Date.now()}-${o.run}`;
  const secretKey = randomBytes(32);
  const token = randomBytes(24).toString('hex');
  const port = await freePort();
  const api = spawnApi({ redisUrl: o.redisUrl, prefix, port, adminToken: token, secretKey });
  const workers = Array.from({ length: o.workers }, () =>
    spawnWorker({
      redisUrl: o.redisUrl,
      prefix,
      secretKey,
      // The job's window is the limit; the per-process cap only has to let it through.
      concurrency: Math.ceil(o.concurrency / o.workers) + 10,
      entry: 'build',
    }),
  );
  const origin = `http://127.0.0.1:${port}`;
  const url = `${origin}/api/v1`;
  const registry = new WorkerRegistry(o.redis, redisKeys(prefix));
  await waitUntil(
    async () => {
      if (api.child.exitCode !== null) throw new Error(`api exited: ${api.output()}`);
      const ready = await fetch(`${origin}/readyz`).then(
        (r) => r.ok,
        () => false,
      );
      return ready && (await registry.live()).length === o.workers;
    },
    { timeoutMs: 120_000, intervalMs: 100, description: 'api ready and workers live' },
  );
  return { api, workers, url, token, prefix };
}

async function call(stack: Stack, method: string, route: string, body?: string, type?: string) {
  const response = await fetch(`${stack.url}${route}`, {
    method,
    headers: {
      authorization: `Bearer ${stack.token}`,
      ...(type ? { 'content-type': type } : {}),
    },
    ...(body !== undefined ? { body } : {}),
  });
  const json = (await response.json()) as Record<string, unknown>;
  if (!response.ok)
    throw new Error(`${method} ${route}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

function stackPids(stack: Stack, redisPid: number): number[] {
  return [stack.api.child.pid!, ...stack.workers.map((w) => w.child.pid!), redisPid];
}

function cpuOf(pids: readonly number[]): number {
  return pids.reduce((sum, pid) => sum + (cpuTimes(pid)?.own ?? 0), 0);
}

/** A finished job as the bench reads it: its id, device counts by state, when the engine ended it. */
interface JobEnd {
  readonly jobId: string;
  readonly counts: Record<string, number>;
  readonly finishedAtMs: number;
}

/**
 * Submits a job over the whole fleet (canary = first device, then the rest at `concurrency`) and
 * polls it to its end. The end is the job's own `finished_at` (the engine's clock, this
 * machine's), so the poll period does not add to the wall time.
 */
async function runJob(
  stack: Stack,
  o: FleetpushRunOptions,
  job: { readonly name: string } & Record<string, unknown>,
): Promise<JobEnd> {
  const body = {
    ...job,
    commands: CHANGE_LINES,
    targets: ['all'],
    strategy: { concurrency: o.concurrency, stop_on_error: false },
  };
  const submitted = await call(stack, 'POST', '/jobs', JSON.stringify(body), 'application/json');
  const jobId = (submitted.job as { id: string }).id;
  return waitUntil(
    async () => {
      const read = await call(stack, 'GET', `/jobs/${jobId}`);
      if (!TERMINAL.has(String(read.status))) return undefined;
      return {
        jobId,
        counts: read.counts as Record<string, number>,
        finishedAtMs: Date.parse(String(read.finished_at)),
      };
    },
    { timeoutMs: 3_600_000, intervalMs: POLL_MS, description: `${job.name}: job ${jobId} to end` },
  );
}

/** Every event of a job (the bench's jobs keep all of theirs: ~15 per device). */
async function jobEvents(redis: Redis, prefix: string, jobId: string): Promise<FleetEvent[]> {
  const page = await new EventLog(redis, redisKeys(prefix)).read(jobId, 0, Number.MAX_SAFE_INTEGER);
  return page.events;
}

/**
 * A dry run over the whole fleet (connect, pre-check; never config mode, so the simulator's
 * ledgers stay empty), waited for: the service's code is warm and its host keys known after it.
 */
async function warmUp(stack: Stack, o: FleetpushRunOptions): Promise<void> {
  await runJob(stack, o, { name: 'peers bench warm-up (dry run)', dry_run: true });
}

/** The measured change: pre-check, 5 lines, save, post-check. */
function pushChange(stack: Stack, o: FleetpushRunOptions): Promise<JobEnd> {
  return runJob(stack, o, {
    name: `peers bench ${o.devices} devices c${o.concurrency}`,
    verify_commands: [CHECK_COMMAND],
    save_config: true,
  });
}

/**
 * One fleetpush run: API and worker processes on a fresh key prefix, the simulator's CSV
 * imported through the API, then the change submitted and polled to its end. Wall time and CPU
 * (api + workers + Redis) cover submission to end; start-up and import are not counted.
 */
export async function runFleetpush(o: FleetpushRunOptions): Promise<Measurement> {
  const stack = await startStack(o);
  try {
    await call(stack, 'POST', '/devices/import?mode=replace', o.sim.csv, 'text/csv');
    if (o.warm) await warmUp(stack, o);
    const pids = stackPids(stack, o.redisPid);
    let peak = 0;
    const sampler = setInterval(() => {
      peak = Math.max(
        peak,
        pids.reduce((sum, pid) => sum + rssBytes(pid), 0),
      );
    }, POLL_MS);
    const groups = {
      api: [stack.api.child.pid!],
      workers: stack.workers.map((w) => w.child.pid!),
      redis: [o.redisPid],
    };
    const cpu0 = Object.fromEntries(Object.entries(groups).map(([k, p]) => [k, cpuOf(p)]));
    const started = Date.now();
    const { jobId, counts, finishedAtMs } = await pushChange(stack, o).finally(() =>
      clearInterval(sampler),
    );
    const wallMs = finishedAtMs - started;
    const cpuByProcess = Object.fromEntries(
      Object.entries(groups).map(([k, p]) => [k, cpuOf(p) - (cpu0[k] ?? 0)]),
    );
    const cpuSeconds = Object.values(cpuByProcess).reduce((a, b) => a + b, 0);
    const failures = NOT_OK.reduce((sum, state) => sum + (counts[state] ?? 0), 0);
    // read after the CPU figures: the reading is the bench's, not fleetpush's
    const timeline = o.timeline
      ? timelineTable(
          `  job ${jobId}, ms from its creation:`,
          jobTimeline(await jobEvents(o.redis, stack.prefix, jobId)),
        )
      : undefined;
    return {
      tool: `fleetpush c${o.concurrency}${o.warm ? ' warm' : ''}`,
      devices: o.devices,
      run: o.run,
      wallMs,
      cpuSeconds,
      peakRssBytes: peak,
      failures,
      cpuByProcess,
      ...(failures > 0 ? { note: JSON.stringify(counts) } : {}),
      ...(timeline ? { details: timeline } : {}),
    };
  } finally {
    await stopWorkers(stack.workers);
    if (stack.api.child.exitCode === null) stack.api.child.kill('SIGTERM');
    await stack.api.exited;
    await deleteKeysWithPrefix(o.redis, stack.prefix);
  }
}
