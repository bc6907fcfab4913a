/**
 * Engine benchmark: `npm run bench:engine -- [--mode ssh|null] [--devices N] [--latency-ms L]
 * [--concurrency C] [--workers W]`.
 *
 * - `ssh` (default): a simulated fleet in this process (cisco_ios, L ms per command), W worker
 *   processes, a 5-line change with one pre- and one post-check; prints wall time, devices/s,
 *   worker CPU per device (from /proc) and Redis CPU per device (INFO cpu).
 * - `null`: one in-process worker whose sessions answer at once, to measure orchestration alone
 *   (coordinator, queue, journal, events); then control latency (pause/resume round trips while
 *   a job runs, checking that no device starts after a pause returns). With `--sites S
 *   --site-limit N`, the devices spread over S sites (inventory order, `site` column: `i % S`)
 *   and the job runs under the group limit `per site = N`: what the limits cost the coordinator,
 *   and its longest Redis call (a dispatch that parks many devices).
 */
import * as path from 'node:path';
import { redisConfigSchema, loadConfig } from '@fleetpush/config';
import { deleteKeysWithPrefix, ensureBuilt, waitUntil } from '@fleetpush/testing';
import { readFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import { EngineHarness, testLogger } from '../src/__fixtures__/engine-harness';
import { spawnWorker, stopWorkers } from '../src/__fixtures__/worker-process';
import { createWorkerService } from '../src/worker-service';
import { nullSessionFactory } from './null-session';
import { printRedisProfile, resetRedisProfile } from './redis-profile';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

const MODE = arg('mode', 'ssh');
const DEVICES = Number(arg('devices', '1000'));
/**
 * Lines a device answers (each at the simulated latency) in this change: the prompt probe, two
 * paging commands, the pre-check, `configure terminal`, the 5 lines, `end`, the post-check.
 * (A 1-device run at 500 ms per line takes 6.1 s: 12 lines.)
 */
const COMMANDS_PER_DEVICE = 1 + 2 + 1 + 1 + 5 + 1 + 1;
const LATENCY =
  arg('device-ms', '') === ''
    ? Number(arg('latency-ms', '20'))
    : Math.round(Number(arg('device-ms', '0')) / COMMANDS_PER_DEVICE);
const CONCURRENCY = Number(arg('concurrency', '100'));
const WORKERS = Number(arg('workers', '1'));
/** `--sites S --site-limit N` (null mode): the job limited to N devices per site at once. */
const SITES = Number(arg('sites', '0'));
const SITE_LIMIT = Number(arg('site-limit', '1'));
/** `--profile`: print Redis's time by command for the timed run (its private stats are reset). */
const PROFILE = process.argv.includes('--profile');
const CHANGE = [
  'ntp server 10.9.9.9',
  'ntp server 10.9.9.10',
  'logging host 10.1.1.1',
  'snmp-server location lab',
  'ip domain-name example.net',
];

/** CPU seconds (user + system) a process has used, from /proc. */
function processCpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function redisCpuSeconds(redis: Redis): Promise<number> {
  const info = await redis.info('cpu');
  const sys = Number(/^used_cpu_sys:([\d.]+)/m.exec(info)?.[1] ?? 0);
  const user = Number(/^used_cpu_user:([\d.]+)/m.exec(info)?.[1] ?? 0);
  return sys + user;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

async function submitJob(h: EngineHarness, devices: number): Promise<string> {
  return h.submit({
    commands: CHANGE,
    verify_commands: ['show running-config | include ntp'],
    targets: h.inventory.slice(0, devices).map((d) => d.key),
    strategy: {
      concurrency: CONCURRENCY,
      stop_on_error: false,
      ...(SITES > 0 && { limits: [{ per: 'site', concurrency: SITE_LIMIT }] }),
    },
  });
}

/** The `site` column of device `i` under `--sites` (none without it). */
function siteColumn(i: number): Record<string, string> {
  return SITES > 0 ? { site: `site-${i % SITES}` } : {};
}

/** Redis calls slower than 5 ms from now on: how many, and the longest (ms). */
async function watchSlowCalls(redis: Redis): Promise<() => Promise<string>> {
  await redis.config('SET', 'slowlog-log-slower-than', '5000');
  await redis.slowlog('RESET');
  return async () => {
    const entries = (await redis.slowlog('GET', 1000)) as [number, number, number][];
    await redis.config('SET', 'slowlog-log-slower-than', '10000');
    const longest = Math.max(0, ...entries.map((e) => e[2])) / 1000;
    return `Redis calls over 5 ms: ${entries.length}, the longest ${longest.toFixed(1)} ms`;
  };
}

/** Submits (timed apart: planning and storing is the API's work) and runs a job to its end. */
async function runJob(
  h: EngineHarness,
  devices: number,
): Promise<{ wallMs: number; status: string; submitMs: number }> {
  const started = Date.now();
  const jobId = await submitJob(h, devices);
  const submitMs = Date.now() - started;
  const status = await h.waitForEnd(jobId, 3_600_000);
  return { wallMs: Date.now() - started, status, submitMs };
}

async function sshMode(redis: Redis, url: string, prefix: string): Promise<void> {
  ensureBuilt(path.resolve(__dirname, '..', '..', '..'));
  const h = await EngineHarness.start(redis, url, prefix, {
    devices: DEVICES,
    platforms: ['cisco_ios'],
    faults: { commandLatencyMs: LATENCY },
  });
  const workers = Array.from({ length: WORKERS }, () =>
    spawnWorker({
      redisUrl: url,
      prefix,
      secretKey: h.secretKey,
      concurrency: Math.ceil(CONCURRENCY / WORKERS) + 10,
      entry: 'build',
    }),
  );
  try {
    await waitUntil(async () => (await redis.keys(`${prefix}:workers:*`)).length === WORKERS, {
      timeoutMs: 60_000,
    });
    const cpu0 = workers.map((w) => processCpuSeconds(w.child.pid!));
    const redis0 = await redisCpuSeconds(redis);
    const { wallMs, status, submitMs } = await runJob(h, DEVICES);
    const workerCpu = workers.reduce(
      (sum, w, i) => sum + processCpuSeconds(w.child.pid!) - cpu0[i]!,
      0,
    );
    const redisCpu = (await redisCpuSeconds(redis)) - redis0;
    const bound = (DEVICES * deviceFloorMs()) / CONCURRENCY;
    console.log(
      `mode ssh: ${DEVICES} devices, ${LATENCY} ms/command, concurrency ${CONCURRENCY}, ${WORKERS} worker process(es): ${status}`,
    );
    console.log(
      `  submission ${submitMs} ms; wall ${(wallMs / 1000).toFixed(1)} s (device-side floor ≈ ${(bound / 1000).toFixed(1)} s), ${(DEVICES / (wallMs / 1000)).toFixed(0)} devices/s`,
    );
    console.log(
      `  worker CPU ${((workerCpu * 1000) / DEVICES).toFixed(2)} ms/device (SSH included), Redis CPU ${((redisCpu * 1000) / DEVICES).toFixed(3)} ms/device`,
    );
  } finally {
    await stopWorkers(workers);
    await h.close();
  }
}

/** The device side of one device: every command it answers, at the simulated latency. */
function deviceFloorMs(): number {
  return COMMANDS_PER_DEVICE * LATENCY;
}

async function nullMode(redis: Redis, url: string, prefix: string): Promise<void> {
  const h = await EngineHarness.start(redis, url, prefix, { devices: 1 });
  const box = h.box;
  const now = new Date().toISOString();
  h.inventory = Array.from({ length: DEVICES }, (_, i) => {
    const key = `10.${Math.floor(i / 65536) % 256}.${Math.floor(i / 256) % 256}.${i % 256}:22`;
    return {
      key,
      host: key.slice(0, -3),
      port: 22,
      device_type: 'cisco_ios' as const,
      username: 'admin',
      password_sealed: box.seal('pw', key),
      verify_commands: [],
      host_vars: {},
      vars: siteColumn(i),
      prod: false,
      tags: [],
      created_at: now,
      updated_at: now,
    };
  });
  const worker = createWorkerService(
    { ...h.workerConfig({ workerConcurrency: CONCURRENCY }) },
    testLogger(),
    { connect: nullSessionFactory() },
  );
  await worker.start();
  try {
    const submitCpu0 = process.cpuUsage();
    const submitted = Date.now();
    const jobId = await submitJob(h, DEVICES);
    const submitMs = Date.now() - submitted;
    const submitCpu = process.cpuUsage(submitCpu0);
    // from here on: the run, without the submission's storing of every device in one MULTI
    const slowCalls = await watchSlowCalls(redis);
    const cpu0 = process.cpuUsage();
    if (PROFILE) await resetRedisProfile(redis);
    const redis0 = await redisCpuSeconds(redis);
    const status = await h.waitForEnd(jobId, 3_600_000);
    const wallMs = Date.now() - submitted;
    const cpu = process.cpuUsage(cpu0);
    const redisCpu = (await redisCpuSeconds(redis)) - redis0;
    const ms = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;
    const limited = SITES > 0 ? `, at most ${SITE_LIMIT} per site over ${SITES} sites` : '';
    console.log(
      `mode null (no SSH): ${DEVICES} devices, concurrency ${CONCURRENCY}${limited}: ${status}`,
    );
    console.log(
      `  submission (plan, store, start): ${submitMs} ms wall, ${ms(submitCpu).toFixed(0)} ms CPU`,
    );
    console.log(
      `  run: wall ${(wallMs / 1000).toFixed(2)} s, ${(DEVICES / (wallMs / 1000)).toFixed(0)} devices/s`,
    );
    console.log(
      `  orchestration CPU ${(ms(cpu) / DEVICES).toFixed(3)} ms/device (worker), Redis CPU ${((redisCpu * 1000) / DEVICES).toFixed(3)} ms/device`,
    );
    console.log(`  ${await slowCalls()}`);
    if (PROFILE) await printRedisProfile(redis, DEVICES);
    if (SITES === 0) await controlLatency(h);
  } finally {
    await worker.close();
    await h.close();
  }
}

async function controlLatency(h: EngineHarness): Promise<void> {
  const jobId = await h.submit({
    commands: CHANGE,
    targets: h.inventory.map((d) => d.key),
    strategy: { concurrency: 20, stagger_ms: 2, stop_on_error: false },
  });
  const latencies: number[] = [];
  let violations = 0;
  for (let i = 0; i < 25; i += 1) {
    await new Promise((r) => setTimeout(r, 20));
    const t0 = process.hrtime.bigint();
    const paused = await h.coordinator.control(jobId, 'pause', 'bench');
    latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (paused.kind !== 'ok') break;
    const [sec, usec] = (await h.redis.time()) as unknown as [string, string];
    const pausedUs = Number(sec) * 1e6 + Number(usec);
    await waitUntil(async () => (await h.reader.dispatched(jobId)).length === 0, {
      timeoutMs: 30_000,
    });
    const late = [...(await h.reader.startTimesUs(jobId)).values()].filter((us) => us > pausedUs);
    violations += late.length;
    const resumed = await h.coordinator.control(jobId, 'resume', 'bench');
    if (resumed.kind === 'ok')
      await h.queue.enqueue(resumed.dispatch.map((d) => ({ jobId, runId: jobId, ...d })));
  }
  await h.coordinator.control(jobId, 'cancel', 'bench');
  await h.waitForEnd(jobId, 60_000);
  console.log(
    `control latency (pause issued → stored; no start after it returned): p50 ${percentile(latencies, 50).toFixed(2)} ms, p99 ${percentile(latencies, 99).toFixed(2)} ms over ${latencies.length} pauses; starts after a pause: ${violations}`,
  );
  await cancelLatency(h);
}

/** Cancels 10 running jobs mid-flight: latency of the cancel, and starts after it returned. */
async function cancelLatency(h: EngineHarness): Promise<void> {
  const latencies: number[] = [];
  let violations = 0;
  for (let i = 0; i < 10; i += 1) {
    const jobId = await h.submit({
      commands: CHANGE,
      targets: h.inventory.map((d) => d.key),
      strategy: { concurrency: 20, stagger_ms: 2, stop_on_error: false },
    });
    await waitUntil(async () => (await h.reader.startTimesUs(jobId)).size > 20, {
      timeoutMs: 30_000,
    });
    const t0 = process.hrtime.bigint();
    await h.coordinator.control(jobId, 'cancel', 'bench');
    latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
    const [sec, usec] = (await h.redis.time()) as unknown as [string, string];
    const cancelledUs = Number(sec) * 1e6 + Number(usec);
    await h.waitForEnd(jobId, 60_000);
    const late = [...(await h.reader.startTimesUs(jobId)).values()].filter(
      (us) => us > cancelledUs,
    );
    violations += late.length;
  }
  console.log(
    `cancel latency (cancel issued → stored; no start after it returned): p50 ${percentile(latencies, 50).toFixed(2)} ms, p99 ${percentile(latencies, 99).toFixed(2)} ms over ${latencies.length} cancels; starts after a cancel: ${violations}`,
  );
}

async function main(): Promise<void> {
  const { redisUrl } = loadConfig(redisConfigSchema, process.env);
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const prefix = `fpbench-${Date.now()}`;
  try {
    if (MODE === 'null') await nullMode(redis, redisUrl, prefix);
    else await sshMode(redis, redisUrl, prefix);
  } finally {
    await deleteKeysWithPrefix(redis, prefix);
    redis.disconnect();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
