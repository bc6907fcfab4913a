/**
 * Stores an imported inventory from a separate process: reads
 * `{ url, prefix, devices, credentials? }` JSON on stdin, writes it with the real
 * `InventoryStore.replaceAll` (then `merge`, as a re-import would) and `CredentialStore.create`,
 * and prints what it did and how long it took as one JSON line.
 *
 * It exists for libs/inventory's honeytoken test and import benchmark: they need the real
 * importer and the real store together, and DESIGN §3 forbids libs/inventory from depending on
 * libs/store (only services compose the two), so they run this by path (`node --import tsx`).
 */
import { performance } from 'node:perf_hooks';
import type { CredentialProfile, NewDevice } from '@fleetpush/contracts';
import { Redis } from 'ioredis';
import { redisKeys } from '../../redis-keys';
import { CredentialStore } from '../credential-store';
import { InventoryStore } from '../inventory-store';

/** What the script reads on stdin. */
export interface StoreInventoryInput {
  readonly url: string;
  readonly prefix: string;
  readonly devices: readonly NewDevice[];
  readonly credentials?: readonly CredentialProfile[];
}

/** What the script prints: device count and milliseconds per operation. */
export interface StoreInventoryReport {
  readonly stored: number;
  readonly replaceAllMs: number;
  readonly mergeMs: number;
  readonly allMs: number;
  readonly pageMs: number;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

async function main(): Promise<void> {
  const input = JSON.parse(await readStdin()) as StoreInventoryInput;
  const redis = new Redis(input.url, { lazyConnect: true, maxRetriesPerRequest: 2 });
  await redis.connect();
  try {
    const keys = redisKeys(input.prefix);
    const store = new InventoryStore(redis, keys);
    const credentials = new CredentialStore(redis, keys);
    for (const profile of input.credentials ?? []) await credentials.create(profile);
    const report: StoreInventoryReport = {
      replaceAllMs: await timed(() => store.replaceAll(input.devices)),
      mergeMs: await timed(() => store.merge(input.devices)),
      allMs: await timed(() => store.all()),
      pageMs: await timed(() => store.list({ offset: 0, limit: 100 })),
      stored: await store.count(),
    };
    process.stdout.write(`${JSON.stringify(report)}\n`);
  } finally {
    await redis.quit();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
