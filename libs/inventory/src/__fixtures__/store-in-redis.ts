import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import type { CredentialProfile, NewDevice } from '@fleetpush/contracts';

/**
 * The store's own script that writes an inventory with the real `InventoryStore`. It is run
 * in a child process, by path, because libs/inventory may not depend on libs/store (DESIGN
 * §3): only services compose the two. Its @fleetpush imports resolve to built packages, so
 * run `npx tsc -b` first (CI builds before testing).
 */
const STORE_SCRIPT = resolve(
  __dirname,
  '../../../store/src/inventory/__fixtures__/store-inventory.ts',
);

/** What to store, and where. */
export interface StoreInRedisInput {
  readonly url: string;
  readonly prefix: string;
  readonly devices: readonly NewDevice[];
  readonly credentials?: readonly CredentialProfile[];
}

/** What the store script did: devices stored and milliseconds per operation. */
export interface StoreInRedisReport {
  readonly stored: number;
  readonly replaceAllMs: number;
  readonly mergeMs: number;
  readonly allMs: number;
  readonly pageMs: number;
}

/** Stores devices (and credential profiles) in Redis through the real stores, in a child process. */
export function storeInRedis(input: StoreInRedisInput): Promise<StoreInRedisReport> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', STORE_SCRIPT], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (err += s));
    child.on('error', fail);
    child.on('close', (code) => {
      if (code === 0) done(JSON.parse(out) as StoreInRedisReport);
      else fail(new Error(`store script exited with ${code}: ${err}`));
    });
    child.stdin.end(JSON.stringify(input));
  });
}
