/**
 * Gateway latency benchmark: `npx tsx services/gateway/bench/latency-bench.ts` (from the repo
 * root; needs Redis on 127.0.0.1:6379, or `--redis <url>`).
 *
 * A job's devices finish at `--rate` per second (default 100); each device writes its ~10
 * events as the worker does (6 appends), the last one carrying `device:result`. `--viewers`
 * clients (default 20, viewer tokens) watch the job through a gateway running in its own
 * process. Measured: from just before the append of a `device:result` to its receipt by each
 * viewer, p50/p90/p99/max over `--seconds` (default 10) after a 2 s warm-up.
 * Target on the 2-core dev machine: p99 <= 50 ms.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { performance } from 'node:perf_hooks';
import { Role, type ClientToServerEvents, type ServerToClientEvents } from '@fleetpush/contracts';
import { EventLog, redisKeys, TokenStore } from '@fleetpush/store';
import { withRedis } from '@fleetpush/testing';
import { io, type Socket } from 'socket.io-client';
import { deviceAppends, simDeviceKey } from '../src/__fixtures__/device-run';

type Viewer = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Reads `--name value` from the command line (benchmarks take flags, not environment variables). */
function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return (i >= 0 ? process.argv[i + 1] : undefined) ?? fallback;
}

const RATE = Number(flag('--rate', '100'));
const VIEWERS = Number(flag('--viewers', '20'));
const SECONDS = Number(flag('--seconds', '10'));
const REDIS_URL = flag('--redis', 'redis://127.0.0.1:6379');
/** Excluded from the figures: JIT warm-up and connection set-up. */
const WARMUP_SECONDS = 2;
const JOB = 'bench-job';

async function startGatewayProcess(url: string, prefix: string) {
  const script = join(__dirname, 'gateway-process.ts');
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', script, '--redis', url, '--prefix', prefix],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const lines = createInterface({ input: child.stdout });
  const line = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`gateway process exited (${code})`)));
  });
  const { port } = JSON.parse(line) as { port: number };
  /** Stops the gateway; resolves with the CPU time it used (ms) as it reports on the way out. */
  const stop = () =>
    new Promise<number>((resolve) => {
      let cpuMs = NaN;
      lines.once('line', (text) => (cpuMs = (JSON.parse(text) as { cpuMs: number }).cpuMs));
      child.once('exit', () => resolve(cpuMs));
      child.stdin.end();
    });
  return { port, stop };
}

async function connectViewers(port: number, token: string, received: (deviceKey: string) => void) {
  const viewers: Viewer[] = [];
  for (let i = 0; i < VIEWERS; i += 1) {
    const socket: Viewer = io(`http://127.0.0.1:${port}/jobs`, {
      forceNew: true,
      transports: ['websocket'],
      auth: { token },
    });
    socket.on('job:events', (batch) => {
      for (const event of batch) if (event.type === 'device:result') received(event.deviceKey);
    });
    const ack = await socket.timeout(10_000).emitWithAck('job:join', { jobId: JOB, since: 0 });
    if (!ack.ok) throw new Error(`join failed: ${ack.error.message}`);
    viewers.push(socket);
  }
  return viewers;
}

/** Appends one device's events every 1/RATE s, paced against the clock (no drift). */
async function produce(
  events: EventLog,
  devices: number,
  warmupDevices: number,
  sentAt: Map<string, number>,
) {
  const periodMs = 1000 / RATE;
  const start = performance.now();
  for (let d = 0; d < devices; d += 1) {
    const due = start + d * periodMs;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const batches = deviceAppends(JOB, d);
    for (const [i, batch] of batches.entries()) {
      if (i === batches.length - 1 && d >= warmupDevices) {
        sentAt.set(simDeviceKey(d), performance.now());
      }
      await events.append(JOB, batch);
    }
  }
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function main(): Promise<void> {
  await withRedis(async ({ redis, url, prefix }) => {
    const keys = redisKeys(prefix);
    const events = new EventLog(redis, keys);
    const { token } = await new TokenStore(redis, keys).create('bench viewer', Role.viewer);
    await events.append(JOB, [{ type: 'job:created', jobId: JOB, name: JOB, targets: 0 }]);
    const gateway = await startGatewayProcess(url, prefix);
    const sentAt = new Map<string, number>();
    const warmupDevices = WARMUP_SECONDS * RATE;
    const latencies: number[] = [];
    let receipts = 0;
    const viewers = await connectViewers(gateway.port, token, (deviceKey) => {
      receipts += 1;
      const sent = sentAt.get(deviceKey);
      if (sent !== undefined) latencies.push(performance.now() - sent);
    });
    const devices = (WARMUP_SECONDS + SECONDS) * RATE;
    const cpuBefore = process.cpuUsage();
    await produce(events, devices, warmupDevices, sentAt);
    const deadline = performance.now() + 5000;
    while (receipts < devices * VIEWERS && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const cpu = process.cpuUsage(cpuBefore);
    for (const viewer of viewers) viewer.disconnect();
    const gatewayCpuMs = await gateway.stop();
    const sorted = [...latencies].sort((a, b) => a - b);
    const expected = SECONDS * RATE * VIEWERS;
    const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
    const share = (cpuMs: number) =>
      `${((cpuMs / ((WARMUP_SECONDS + SECONDS) * 1000)) * 100).toFixed(1)}% of one core`;
    console.log(
      JSON.stringify(
        {
          rate: `${RATE} devices/s (${RATE * 10} events/s)`,
          viewers: VIEWERS,
          measuredSeconds: SECONDS,
          samples: `${sorted.length} of ${expected}`,
          p50: fmt(percentile(sorted, 50)),
          p90: fmt(percentile(sorted, 90)),
          p99: fmt(percentile(sorted, 99)),
          max: fmt(sorted.at(-1) ?? NaN),
          gatewayCpu: share(gatewayCpuMs),
          producerAndViewersCpu: share((cpu.user + cpu.system) / 1000),
          target: 'p99 <= 50 ms',
          met: percentile(sorted, 99) <= 50 && sorted.length === expected,
        },
        null,
        2,
      ),
    );
  }, REDIS_URL);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
