/**
 * Inventory import benchmark: `npx tsx libs/inventory/bench/import-bench.ts [--rows 10000]
 * [--redis redis://127.0.0.1:6379]` (from the repo root, after `npx tsc -b`).
 *
 * Generates an inventory CSV of realistic rows (passwords, enable secrets, verify commands,
 * host_vars, tags, a template-variable column), imports it without connection checks (parse,
 * validate, duplicate check, seal every secret) from a string and from a 64 KiB-chunked
 * stream, then stores the devices through the real `InventoryStore.replaceAll` (and a `merge`
 * of the same rows, as a re-import would) in a child process (see store-in-redis.ts for why).
 * Target on the 2-core dev machine: import + store of 10,000 rows <= 2 s.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { deleteKeysWithPrefix } from '@fleetpush/testing';
import { Redis } from 'ioredis';
import { storeInRedis } from '../src/__fixtures__/store-in-redis';
import { importDevices } from '../src/import-devices';
import { SecretBox } from '../src/secret-box';

/** Reads `--name value` from the command line (benchmarks take flags, not environment variables). */
function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const ROWS = Number(argValue('--rows') ?? 10_000);
const REDIS_URL = argValue('--redis') ?? 'redis://127.0.0.1:6379';
const TARGET_MS = 2_000;
/** Stream chunk size: what an HTTP request body typically arrives in. */
const CHUNK_BYTES = 64 * 1024;

function inventoryCsv(rows: number): string {
  const types = ['cisco_ios', 'cisco_xe', 'arista_eos', 'juniper_junos', 'cisco_nxos'];
  const lines = [
    'host,port,device_type,username,password,secret,name,verify_cmds,host_vars,prod,tags,site',
  ];
  for (let i = 0; i < rows; i++) {
    const host = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
    lines.push(
      [
        host,
        22,
        types[i % types.length],
        'netops',
        `pw-${randomBytes(9).toString('base64url')}`,
        `en-${randomBytes(9).toString('base64url')}`,
        `edge-${String(i).padStart(5, '0')}`,
        'show run | section ntp;show clock',
        `"{""vlan"": ${100 + (i % 50)}, ""loopback"": ""192.0.2.${i % 250}""}"`,
        i % 10 === 0 ? 'true' : 'false',
        `site${i % 20};role-${i % 3}`,
        `dc${i % 4}`,
      ].join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

function chunks(text: string): Readable {
  const bytes = Buffer.from(text);
  const parts: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += CHUNK_BYTES)
    parts.push(bytes.subarray(at, at + CHUNK_BYTES));
  return Readable.from(parts);
}

async function main(): Promise<void> {
  const box = new SecretBox(randomBytes(32));
  const csv = inventoryCsv(ROWS);
  await importDevices(inventoryCsv(200), { secrets: box }); // warm-up: JIT, zod, crypto

  const cpu0 = process.cpuUsage();
  let t0 = performance.now();
  const result = await importDevices(csv, { secrets: box });
  const stringMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  if (result.devices.length !== ROWS)
    throw new Error(`expected ${ROWS} devices, got ${result.devices.length}`);

  t0 = performance.now();
  const streamed = await importDevices(chunks(csv), { secrets: box });
  const streamMs = performance.now() - t0;
  if (streamed.devices.length !== ROWS) throw new Error('the streamed import lost rows');

  const prefix = `fpbench-${randomUUID().slice(0, 8)}`;
  const store = await storeInRedis({ url: REDIS_URL, prefix, devices: result.devices });
  const redis = new Redis(REDIS_URL);
  await deleteKeysWithPrefix(redis, prefix);
  await redis.quit();

  const total = stringMs + store.replaceAllMs;
  const figures = {
    rows: ROWS,
    csvBytes: Buffer.byteLength(csv),
    importStringMs: Math.round(stringMs),
    importStreamMs: Math.round(streamMs),
    importCpuMs: Math.round((cpu.user + cpu.system) / 1000),
    rowsPerSecond: Math.round((ROWS * 1000) / stringMs),
    storeReplaceAllMs: Math.round(store.replaceAllMs),
    storeMergeMs: Math.round(store.mergeMs),
    readAllMs: Math.round(store.allMs),
    readPageMs: Math.round(store.pageMs * 10) / 10,
    importPlusStoreMs: Math.round(total),
    targetMs: TARGET_MS,
    withinTarget: total <= TARGET_MS,
  };
  console.log(JSON.stringify(figures, null, 2));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
