import { serviceNodeFlags } from '@fleetpush/config';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

/**
 * How a test or benchmark starts a service: from its TypeScript sources under tsx (no build
 * needed: tests) or from its compiled build, `services/<name>/dist/main.js`, which is what the
 * image runs (benchmarks measure that).
 */
export type ServiceEntry = 'source' | 'build';

/** The services that run as their own process. */
export type ServiceName = 'api' | 'worker' | 'gateway' | 'device-sim';

/**
 * Extra node flags for a benchmark's child process, from a space-separated variable's value
 * (e.g. `BENCH_WORKER_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof'` to profile the
 * workers). None when it is unset.
 */
export function splitNodeArgs(value: string | undefined): string[] {
  return value?.split(' ').filter(Boolean) ?? [];
}

/**
 * Node's arguments that start `service` from `entry`, in the repository at `root`, with the
 * flags the service always runs with (`serviceNodeFlags`).
 */
export function serviceArgs(root: string, service: ServiceName, entry: ServiceEntry): string[] {
  const flags = serviceNodeFlags(service);
  return entry === 'build'
    ? [...flags, path.join(root, 'services', service, 'dist', 'main.js')]
    : [...flags, '--import', 'tsx', path.join(root, 'services', service, 'src', 'main.ts')];
}

/**
 * Brings the compiled build up to date (`tsc -b`: incremental, under a second when nothing
 * changed), so a benchmark never measures stale code. Says so on stderr.
 */
export function ensureBuilt(root: string): void {
  process.stderr.write('bench: bringing the build up to date (tsc -b)\n');
  execFileSync(
    process.execPath,
    [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-b'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
}
