/**
 * The dependency rules of DESIGN.md §3, as data. The architecture test checks every workspace
 * package's declared dependencies and every source import against them.
 */

/** Workspace packages each package may depend on ("*" = any lib). */
export const ALLOWED_WORKSPACE_DEPS: Readonly<Record<string, readonly string[] | '*'>> = {
  domain: [],
  contracts: ['domain'],
  config: [],
  runtime: ['config'],
  store: ['domain', 'contracts'],
  queue: ['domain', 'contracts'],
  ssh: ['domain'],
  inventory: ['domain', 'contracts'],
  client: ['contracts'],
  testing: '*',
  // domain is pure and browser-safe: the web UI renders the review with the server's own template rules.
  web: ['contracts', 'client', 'domain'],
};

/** Third-party packages with exactly one home (the packages allowed to import them). */
export const VENDOR_HOMES: Readonly<Record<string, readonly string[]>> = {
  bullmq: ['queue'],
  ssh2: ['ssh', 'device-sim'],
  'socket.io': ['gateway'],
  'prom-client': ['runtime'],
};

/** Packages that must stay pure: no Node builtin, no third-party package outside this list. */
export const PURE_PACKAGES: Readonly<Record<string, readonly string[]>> = {
  domain: ['diff'],
  contracts: ['zod'],
};

/** The only package allowed to read `process.env`. */
export const ENV_READER = 'config';
