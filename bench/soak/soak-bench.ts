/**
 * Soak: `npm run bench:soak -- [--devices 10000] [--device-ms 2000] [--workers 3]
 * [--faulty-pct 1] [--concurrency 200] [--sample-s 10]`.
 *
 * One job (5 config lines, pre/post `show running-config`, save) on a simulated cisco_ios fleet
 * whose devices take `device-ms` in all; `faulty-pct` % of them get mixed fault knobs. W worker
 * processes on a private Redis. Midway the job is paused (no device may start after the pause
 * returned) and resumed; later one worker is killed with SIGKILL and a new one started. At the
 * end the invariants are checked (every device has one terminal state; no device applied the
 * change twice, from the simulator's mutation ledgers) and the figures printed, with worker and
 * Redis memory sampled every `sample-s` seconds and whether it stayed flat after the first minute.
 */
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { WorkerRegistry } from '@fleetpush/store';
import { ensureBuilt, startPrivateRedis, waitUntil } from '@fleetpush/testing';
import { Redis } from 'ioredis';
import { EngineHarness } from '../../services/worker/src/__fixtures__/engine-harness';
import {
  spawnWorker,
  stopWorkers,
  type WorkerProcess,
} from '../../services/worker/src/__fixtures__/worker-process';
import { cpuTimes, rssBytes } from '../peers/process-usage';
import { CHANGE_LINES, CHECK_COMMAND } from '../peers/change';
import { flatness, type MemorySample } from './memory-series';
import { faultFor, faultyIndexes } from './soak-faults';

/**
 * Commands a device answers in this change: the prompt probe, two paging commands, the
 * pre-check, `configure terminal`, 5 lines, `end`, the save and the post-check (the engine
 * bench's 1-device run counts 12 without the save).
 */
const COMMANDS_PER_DEVICE = 13;
const TERMINAL = ['succeeded', 'failed', 'skipped', 'aborted'];
/**
 * How often the bench reads every device state to find the 30 % and 60 % marks: each read is one
 * HGETALL over the whole fleet, whose Redis CPU would otherwise count as fleetpush's.
 */
const PROGRESS_POLL_MS = 1_000;

function options() {
  const { values } = parseArgs({
    options: {
      devices: { type: 'string', default: '10000' },
      'device-ms': { type: 'string', default: '2000' },
      workers: { type: 'string', default: '3' },
      'faulty-pct': { type: 'string', default: '1' },
      concurrency: { type: 'string', default: '200' },
      'sample-s': { type: 'string', default: '10' },
    },
    strict: true,
  });
  return {
    devices: Number(values.devices),
    latencyMs: Math.round(Number(values['device-ms']) / COMMANDS_PER_DEVICE),
    deviceMs: Number(values['device-ms']),
    workers: Number(values.workers),
    faultyPct: Number(values['faulty-pct']),
    concurrency: Number(values.concurrency),
    sampleMs: Number(values['sample-s']) * 1000,
  };
}
type SoakOptions = ReturnType<typeof options>;

/** Memory series by process label, and CPU seconds last seen per pid. */
class Sampler {
  readonly series = new Map<string, MemorySample[]>();
  readonly cpu = new Map<number, number>();
  private readonly t0 = Date.now();

  constructor(
    private readonly redis: Redis,
    readonly redisPid: number,
  ) {}

  /**
   * @param retainedKeys keys whose memory is the job's retained data (results and events):
   *   Redis memory less them is the engine's own, which must stay flat.
   */
  async sample(
    workers: readonly WorkerProcess[],
    retainedKeys: readonly string[] = [],
  ): Promise<void> {
    const atS = (Date.now() - this.t0) / 1000;
    for (const w of workers) {
      const pid = w.child.pid!;
      const times = cpuTimes(pid);
      if (!times) continue;
      this.cpu.set(pid, times.own);
      const rss = rssBytes(pid);
      // 0 = the process has just gone (the killed worker): not a memory figure.
      if (rss > 0) this.add(`worker ${pid} RSS`, atS, rss);
    }
    this.cpu.set(this.redisPid, cpuTimes(this.redisPid)?.own ?? 0);
    this.add('redis RSS', atS, rssBytes(this.redisPid));
    const used = Number(/used_memory:(\d+)/.exec(await this.redis.info('memory'))?.[1] ?? 0);
    this.add('redis used_memory', atS, used);
    let retained = 0;
    for (const key of retainedKeys) {
      retained += Number((await this.redis.memory('USAGE', key, 'SAMPLES', 0)) ?? 0);
    }
    if (retainedKeys.length > 0)
      this.add('redis used_memory less results and events', atS, used - retained);
  }

  private add(label: string, atS: number, bytes: number): void {
    this.series.set(label, [...(this.series.get(label) ?? []), { atS, bytes }]);
  }
}

async function terminalCount(h: EngineHarness, jobId: string): Promise<number> {
  return [...(await h.reader.deviceStates(jobId)).values()].filter((s) => TERMINAL.includes(s))
    .length;
}

async function startWorkers(
  h: EngineHarness,
  o: SoakOptions,
  count: number,
): Promise<WorkerProcess[]> {
  return Array.from({ length: count }, () =>
    spawnWorker({
      redisUrl: h.url,
      prefix: h.prefix,
      secretKey: h.secretKey,
      concurrency: Math.ceil(o.concurrency / o.workers) + 10,
      entry: 'build',
    }),
  );
}

async function waitLive(h: EngineHarness, pids: readonly number[]): Promise<void> {
  const registry = new WorkerRegistry(h.redis, h.keys);
  await waitUntil(
    async () => {
      const live = new Set((await registry.live()).map((w) => w.pid));
      return pids.every((pid) => live.has(pid));
    },
    { timeoutMs: 120_000, intervalMs: 100, description: `workers ${pids.join(', ')} live` },
  );
}

/** Pauses, waits for in-flight devices to drain, checks no start after the pause, resumes. */
async function pauseAndResume(h: EngineHarness, jobId: string): Promise<string> {
  const t0 = Date.now();
  const paused = await h.coordinator.control(jobId, 'pause', 'soak');
  const pauseMs = Date.now() - t0;
  const [sec, usec] = (await h.redis.time()) as unknown as [string, string];
  const pausedUs = Number(sec) * 1e6 + Number(usec);
  await waitUntil(async () => (await h.reader.dispatched(jobId)).length === 0, {
    timeoutMs: 300_000,
    intervalMs: 100,
    description: 'in-flight devices to drain after the pause',
  });
  const drainMs = Date.now() - t0;
  const late = [...(await h.reader.startTimesUs(jobId)).values()].filter((us) => us > pausedUs);
  const resumed = await h.coordinator.control(jobId, 'resume', 'soak');
  if (resumed.kind === 'ok')
    await h.queue.enqueue(resumed.dispatch.map((d) => ({ jobId, runId: jobId, ...d })));
  return `pause ${paused.kind} in ${pauseMs} ms, drained in ${drainMs} ms, starts after the pause: ${late.length}; resume ${resumed.kind}`;
}

/** Every device ended once; none applied a line twice; succeeded devices applied every line. */
async function invariants(h: EngineHarness, jobId: string, devices: number): Promise<string[]> {
  const problems: string[] = [];
  const states = await h.reader.deviceStates(jobId);
  if (states.size !== devices) problems.push(`${states.size} device states for ${devices} devices`);
  const open = [...states.values()].filter((s) => !TERMINAL.includes(s)).length;
  if (open > 0) problems.push(`${open} devices not in a terminal state`);
  const dispatched = (await h.reader.dispatched(jobId)).length;
  if (dispatched > 0) problems.push(`${dispatched} devices still dispatched`);
  let twice = 0;
  let missing = 0;
  for (const [index, device] of h.fleet.devices.entries()) {
    const counts = CHANGE_LINES.map((l) => device.ledger.count(l));
    if (counts.some((c) => c > 1)) twice += 1;
    if (states.get(index) === 'succeeded' && counts.some((c) => c !== 1)) missing += 1;
  }
  if (twice > 0) problems.push(`${twice} devices applied a line twice`);
  if (missing > 0) problems.push(`${missing} succeeded devices lack a line in their ledger`);
  return problems;
}

function printMemory(sampler: Sampler): void {
  console.log('memory (MB) per series: first sample, after the first minute, last, max; verdict');
  for (const [label, series] of sampler.series) {
    const f = flatness(series);
    const first = (series[0]!.bytes / 1e6).toFixed(1);
    const figures =
      f.verdict === 'too short'
        ? `${first}, -, ${(series[series.length - 1]!.bytes / 1e6).toFixed(1)}, -`
        : `${first}, ${f.afterWarmUpMb}, ${f.lastMb}, ${f.maxMb}`;
    console.log(`  ${label}: ${figures}; ${f.verdict} (${series.length} samples)`);
  }
}

async function soak(h: EngineHarness, o: SoakOptions, sampler: Sampler): Promise<void> {
  const faulty = faultyIndexes(o.devices, o.faultyPct);
  faulty.forEach((index, n) => h.fleet.device(index).setFaults(faultFor(n, o.latencyMs)));
  const workers = await startWorkers(h, o, o.workers);
  try {
    await waitLive(
      h,
      workers.map((w) => w.child.pid!),
    );
    const cpu0 = workers.reduce((sum, w) => sum + (cpuTimes(w.child.pid!)?.own ?? 0), 0);
    const redis0 = cpuTimes(sampler.redisPid)?.own ?? 0;
    await sampler.sample(workers);
    const retained: string[] = [];
    const timer = setInterval(() => void sampler.sample(workers, retained), o.sampleMs);
    const started = Date.now();
    const jobId = await h.submit({
      commands: [...CHANGE_LINES],
      verify_commands: [CHECK_COMMAND],
      save_config: true,
      strategy: { concurrency: o.concurrency, stop_on_error: false },
      timeouts: { command_ms: 10_000, device_ms: 120_000, connect_ms: 10_000 },
    });
    retained.push(h.keys.job(jobId).results, h.keys.job(jobId).events);
    try {
      await waitUntil(async () => (await terminalCount(h, jobId)) >= o.devices * 0.3, {
        timeoutMs: 24 * 3_600_000,
        intervalMs: PROGRESS_POLL_MS,
      });
      console.log(`at 30%: ${await pauseAndResume(h, jobId)}`);
      await waitUntil(async () => (await terminalCount(h, jobId)) >= o.devices * 0.6, {
        timeoutMs: 24 * 3_600_000,
        intervalMs: PROGRESS_POLL_MS,
      });
      await sampler.sample(workers, retained);
      const victim = workers[workers.length - 1]!;
      victim.kill('SIGKILL');
      await victim.exited;
      const killedAt = Date.now();
      const [replacement] = await startWorkers(h, o, 1);
      workers.push(replacement!);
      await waitLive(h, [replacement!.child.pid!]);
      console.log(
        `at 60%: worker ${victim.child.pid} killed (SIGKILL); a new one live after ${Date.now() - killedAt} ms`,
      );
      const status = await h.waitForEnd(jobId, 24 * 3_600_000);
      const wallMs = Date.now() - started;
      clearInterval(timer);
      await sampler.sample(workers, retained);
      const workerCpu =
        [...sampler.cpu]
          .filter(([pid]) => pid !== sampler.redisPid)
          .reduce((s, [, c]) => s + c, 0) - cpu0;
      const redisCpu = (cpuTimes(sampler.redisPid)?.own ?? 0) - redis0;
      const counts: Record<string, number> = {};
      for (const s of (await h.reader.deviceStates(jobId)).values())
        counts[s] = (counts[s] ?? 0) + 1;
      const problems = await invariants(h, jobId, o.devices);
      const results = [...(await h.reader.results(jobId)).values()] as Array<{
        recovered_from?: string;
        code?: string;
      }>;
      const recovered = results.filter((r) => r.recovered_from !== undefined).length;
      const codes: Record<string, number> = {};
      for (const r of results) if (r.code) codes[r.code] = (codes[r.code] ?? 0) + 1;
      console.log(
        `soak: ${o.devices} devices (${faulty.length} faulty), ${o.deviceMs} ms per device (${o.latencyMs} ms/command), window ${o.concurrency}, ${o.workers} workers: ${status} in ${(wallMs / 1000).toFixed(1)} s (${(o.devices / (wallMs / 1000)).toFixed(1)} devices/s, device-side floor ${((o.devices * o.deviceMs) / o.concurrency / 1000).toFixed(1)} s)`,
      );
      console.log(
        `  device states: ${JSON.stringify(counts)}; job ended ${((started + wallMs - killedAt) / 1000).toFixed(1)} s after the kill; ${recovered} devices recovered from the killed worker`,
      );
      console.log(`  failure codes: ${JSON.stringify(codes)}`);
      console.log(
        `  CPU: workers ${((workerCpu * 1000) / o.devices).toFixed(2)} ms/device, Redis ${((redisCpu * 1000) / o.devices).toFixed(2)} ms/device`,
      );
      const usage = async (key: string) =>
        Number((await h.redis.memory('USAGE', key, 'SAMPLES', 0)) ?? 0);
      const perDeviceKb = (bytes: number) => (bytes / o.devices / 1024).toFixed(1);
      console.log(
        `  retained in Redis: results ${perDeviceKb(await usage(h.keys.job(jobId).results))} KB/device, events ${perDeviceKb(await usage(h.keys.job(jobId).events))} KB/device (${await h.redis.xlen(h.keys.job(jobId).events)} events)`,
      );
      console.log(
        `  invariants: ${problems.length === 0 ? 'hold (one terminal state per device, no double apply)' : problems.join('; ')}`,
      );
      printMemory(sampler);
      if (problems.length > 0) process.exitCode = 1;
    } finally {
      clearInterval(timer);
    }
  } finally {
    await stopWorkers(workers);
  }
}

async function main(): Promise<void> {
  const o = options();
  ensureBuilt(path.resolve(__dirname, '..', '..'));
  const server = await startPrivateRedis();
  const redis = new Redis(server.url, { maxRetriesPerRequest: null });
  const redisPid = Number(/process_id:(\d+)/.exec(await redis.info('server'))?.[1]);
  const h = await EngineHarness.start(redis, server.url, `fpsoak-${Date.now()}`, {
    devices: o.devices,
    platforms: ['cisco_ios'],
    faults: { commandLatencyMs: o.latencyMs },
  });
  try {
    await soak(h, o, new Sampler(redis, redisPid));
  } finally {
    await h.close();
    redis.disconnect();
    await server.close();
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
