/**
 * Peer benchmark: `npm run bench:peers -- [--devices 100,500,1000] [--runs 3]
 * [--tools fleetpush,ssh2-floor,netmiko,ansible] [--ansible-devices 100] [--concurrency 50,200]
 * [--workers 1] [--warm] [--timeline]`.
 *
 * The same change (5 config lines, `show running-config` before and after, save) pushed to the
 * same simulated fleet (device-sim in its own process, cisco_ios, 20 ms per command) by fleetpush
 * (API + worker processes on a private Redis, canary then the rest at each concurrency), a Netmiko
 * thread pool of 50 (canary first) and Ansible (network_cli, serial [1, 100%], forks 50). A fresh
 * fleet for every run, so each tool meets unchanged devices. Per tool and N: wall time, devices/s,
 * CPU seconds and peak RSS of the tool's processes (from /proc, children included; fleetpush: api +
 * workers + Redis), failures; medians over the runs and the fleetpush/peer ratios per run.
 */
import * as path from 'node:path';
import { ensureBuilt, startPrivateRedis } from '@fleetpush/testing';
import { Redis } from 'ioredis';
import { runAnsible } from './ansible-runner';
import { parsePeersArgs, type PeersArgs } from './bench-args';
import { CHANGE_LINES, COMMAND_MS, type Measurement } from './change';
import { ensurePeerPackages } from './debian-packages';
import { runFleetpush } from './fleetpush-runner';
import { runNetmiko } from './netmiko-runner';
import { floorTable, ratioTable, summaryTable } from './results-table';
import { runSsh2Floor } from './ssh2-floor-runner';
import { devicesAppliedOnce, startSimProcess, type SimProcess } from './sim-process';

type Runner = (sim: SimProcess) => Promise<Measurement>;

/** The runs of one (N, run index), tool after tool, each on a fresh fleet. */
function runnersFor(args: PeersArgs, devices: number, run: number, redis: RedisCtx): Runner[] {
  const runners: Runner[] = [];
  if (args.tools.includes('fleetpush')) {
    for (const concurrency of args.concurrency) {
      runners.push((sim) =>
        runFleetpush({
          ...redis,
          sim,
          devices,
          concurrency,
          workers: args.workers,
          run,
          warm: args.warm,
          timeline: args.timeline,
        }),
      );
    }
  }
  if (args.tools.includes('ssh2-floor')) {
    for (const concurrency of args.concurrency)
      runners.push((sim) => runSsh2Floor(sim, devices, concurrency, run));
  }
  if (args.tools.includes('netmiko')) runners.push((sim) => runNetmiko(sim, devices, run));
  if (args.tools.includes('ansible') && args.ansibleDevices.includes(devices))
    runners.push((sim) => runAnsible(sim, devices, run));
  return runners;
}

interface RedisCtx {
  readonly redis: Redis;
  readonly redisUrl: string;
  readonly redisPid: number;
}

async function onFreshFleet(devices: number, runner: Runner): Promise<Measurement> {
  const sim = await startSimProcess({ devices, commandMs: COMMAND_MS });
  try {
    const m = await runner(sim);
    return { ...m, applied: await devicesAppliedOnce(sim, CHANGE_LINES) };
  } finally {
    await sim.close();
  }
}

function describe(m: Measurement): string {
  const split = m.cpuByProcess
    ? ` [CPU ${Object.entries(m.cpuByProcess)
        .map(([name, seconds]) => `${name} ${seconds.toFixed(2)}`)
        .join(', ')}]`
    : '';
  const note = `${split}${m.note ? ` (${m.note})` : ''}`;
  return `  ${m.tool} N=${m.devices} run ${m.run}: ${(m.wallMs / 1000).toFixed(2)} s, ${m.cpuSeconds.toFixed(2)} CPU s, ${(m.peakRssBytes / 1e6).toFixed(0)} MB, ${m.failures} failed, ${m.applied ?? '?'} applied once (ledger)${note}`;
}

async function main(): Promise<void> {
  const args = parsePeersArgs(process.argv.slice(2));
  ensurePeerPackages(args.tools);
  ensureBuilt(path.resolve(__dirname, '..', '..'));
  // A private Redis: its CPU is fleetpush's alone (no other user of the machine's Redis counts).
  const server = await startPrivateRedis();
  const redis = new Redis(server.url, { maxRetriesPerRequest: null });
  const redisPid = Number(/process_id:(\d+)/.exec(await redis.info('server'))?.[1]);
  const ansible = args.tools.includes('ansible') ? args.ansibleDevices : [];
  const sizes = [...new Set([...args.devices, ...ansible])].sort((a, b) => a - b);
  const measurements: Measurement[] = [];
  try {
    for (const devices of sizes) {
      for (let run = 1; run <= args.runs; run += 1) {
        const ctx = { redis, redisUrl: server.url, redisPid };
        for (const runner of runnersFor(args, devices, run, ctx)) {
          const m = await onFreshFleet(devices, runner);
          console.log(describe(m));
          if (m.details) console.log(m.details);
          measurements.push(m);
        }
      }
    }
  } finally {
    redis.disconnect();
    await server.close();
  }
  console.log(`\npeers: cisco_ios fleet, ${COMMAND_MS} ms per command, ${args.runs} run(s)\n`);
  console.log(summaryTable(measurements));
  console.log('');
  console.log(ratioTable(measurements));
  const floor = floorTable(measurements);
  if (floor) console.log(`\n${floor}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
