/**
 * API benchmark: `npm run bench:api [-- --rows 10000 --runs 5 --redis redis://127.0.0.1:6379]`.
 *
 * Runs the real express app on a loopback port against a real Redis (a fresh key prefix,
 * deleted afterwards) and measures, over HTTP with a keep-alive client, as a caller sees it:
 * - `POST /devices/import` of 10,000 realistic rows without connection checks (JSON answer,
 *   and the NDJSON progress stream); target ≤ 2 s;
 * - `POST /jobs` with 10,000 targets, both as `["all"]` and as 10,000 explicit device keys
 *   (plan, render, store, start, enqueue the canary); target ≤ 1 s.
 * Prints the median and every run. No worker runs: jobs stay at their canary.
 */
import type { AddressInfo } from 'node:net';
import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { deleteKeysWithPrefix } from '@fleetpush/testing';
import { Redis } from 'ioredis';
import { ADMIN_TOKEN, testDeps } from '../src/__fixtures__/api-harness';
import { createApi } from '../src/create-api';

/** Reads `--name value` from the command line (benchmarks take flags, not environment variables). */
function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const ROWS = Number(argValue('--rows') ?? 10_000);
const RUNS = Number(argValue('--runs') ?? 5);
const REDIS_URL = argValue('--redis') ?? 'redis://127.0.0.1:6379';
/** `import` or `submit` runs only that part (the inventory is still imported once for `submit`). */
const ONLY = argValue('--only');
const IMPORT_TARGET_MS = 2_000;
const SUBMIT_TARGET_MS = 1_000;
const NDJSON = 'application/x-ndjson';

function inventoryCsv(rows: number): string {
  const types = ['cisco_ios', 'cisco_xe', 'arista_eos', 'juniper_junos', 'cisco_nxos'];
  const lines = ['host,port,device_type,username,password,secret,name,verify_cmds,prod,tags,site'];
  for (let i = 0; i < rows; i++) {
    lines.push(
      [
        `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
        22,
        types[i % types.length],
        'netops',
        `pw-${randomBytes(9).toString('base64url')}`,
        `en-${randomBytes(9).toString('base64url')}`,
        `edge-${String(i).padStart(5, '0')}`,
        'show run | section ntp;show clock',
        'false',
        `site${i % 20};role-${i % 3}`,
        `dc${i % 4}`,
      ].join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Times `fn` `RUNS` times; prints the median wall time and the median CPU time of this process
 * (API and client; Redis not included), which a loaded machine inflates less than wall time.
 */
async function measure(label: string, target: number, fn: () => Promise<void>): Promise<number> {
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const cpuStart = process.cpuUsage();
    await fn();
    const used = process.cpuUsage(cpuStart);
    times.push(performance.now() - started);
    cpu.push((used.user + used.system) / 1000);
  }
  const m = median(times);
  const verdict = m <= target ? 'within' : 'OVER';
  const runs = times.map((t) => t.toFixed(0)).join(', ');
  process.stdout.write(
    `${label}: median ${m.toFixed(0)} ms (${verdict} ${target} ms), CPU ${median(cpu).toFixed(0)} ms; runs [${runs}]\n`,
  );
  return m;
}

async function call(
  base: string,
  path: string,
  init: RequestInit,
  expected: number,
): Promise<string> {
  const res = await fetch(`${base}${path}`, {
    ...init,
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, ...init.headers },
  });
  const text = await res.text();
  if (res.status !== expected) throw new Error(`${path}: ${res.status} ${text.slice(0, 500)}`);
  return text;
}

async function main(): Promise<void> {
  const redis = new Redis(REDIS_URL);
  const prefix = `bench-api-${randomUUID().slice(0, 8)}`;
  const deps = testDeps({ redis, prefix, url: REDIS_URL }, []);
  const server = createApi(deps).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
  try {
    const csv = inventoryCsv(ROWS);
    process.stdout.write(`${ROWS} rows (${(csv.length / 1e6).toFixed(1)} MB), ${RUNS} runs each\n`);
    const importCsv = (accept: string) => () =>
      call(
        base,
        '/devices/import',
        {
          method: 'POST',
          headers: { 'Content-Type': 'text/csv', Accept: accept },
          body: csv,
        },
        200,
      ).then(() => undefined);
    if (ONLY === 'submit') {
      await importCsv('application/json')();
    } else {
      await measure('POST /devices/import (JSON)', IMPORT_TARGET_MS, importCsv('application/json'));
      await measure('POST /devices/import (NDJSON)', IMPORT_TARGET_MS, importCsv(NDJSON));
    }
    if (ONLY === 'import') return;
    const keys = (await deps.inventory.all()).map((d) => d.key);
    const submit = (targets: string[]) => () =>
      call(
        base,
        '/jobs',
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ name: 'bench', commands: ['ntp server {{site}}'], targets }),
        },
        201,
      ).then(() => undefined);
    await measure(
      `POST /jobs, targets ["all"] (${keys.length} devices)`,
      SUBMIT_TARGET_MS,
      submit(['all']),
    );
    await measure(`POST /jobs, ${keys.length} explicit keys`, SUBMIT_TARGET_MS, submit(keys));
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await deps.queue.close();
    await deleteKeysWithPrefix(redis, prefix);
    redis.disconnect();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
