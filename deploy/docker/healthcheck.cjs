// @ts-check
'use strict';
/**
 * Health probe of a fleetpush container: `fleetpush-entrypoint healthcheck <service>`, used by
 * docker-compose.yml and as the worker's exec probe in Kubernetes. Exits 0 when healthy.
 *
 * - api: `GET /healthz` answers 2xx. The route is planned (issue 7, observability) and not
 *   built yet: until it lands the API container reports unhealthy.
 * - gateway: an Engine.IO handshake on its port answers 200 (a standalone gateway serves
 *   nothing else; the handshake needs no token, joining the /jobs namespace does).
 * - worker: this host's worker process has a current heartbeat in Redis
 *   (`<prefix>:workers:<id>`, refreshed every few seconds, 15 s TTL).
 *
 * Settings come from the same FLEETPUSH_* variables, parsed by @fleetpush/config, so a probe
 * never disagrees with the service about a port or a default.
 */
const { hostname } = require('node:os');
const config = require('@fleetpush/config');

/** Docker and the kubelet kill a hung probe at their own timeout; answer before that. */
const PROBE_TIMEOUT_MS = 4000;

/** @param {string} url */
async function answersOk(url) {
  const response = await fetch(url, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
  return response.ok;
}

async function workerBeating() {
  const { Redis } = require('ioredis');
  const { redisKeys, WorkerRegistry } = require('@fleetpush/store');
  const { redisUrl, prefix } = config.loadConfig(config.redisConfigSchema, process.env);
  const redis = new Redis(redisUrl, {
    lazyConnect: true,
    connectTimeout: PROBE_TIMEOUT_MS,
    maxRetriesPerRequest: 1,
  });
  try {
    await redis.connect();
    const live = await new WorkerRegistry(redis, redisKeys(prefix)).live();
    return live.some((/** @type {{host: string}} */ worker) => worker.host === hostname());
  } finally {
    redis.disconnect();
  }
}

/** @param {string | undefined} service */
async function healthy(service) {
  switch (service) {
    case 'api': {
      const { port } = config.loadConfig(config.apiConfigSchema, process.env);
      return answersOk(`http://127.0.0.1:${port}/healthz`);
    }
    case 'gateway': {
      const { gatewayPort } = config.loadConfig(config.gatewayConfigSchema, process.env);
      return answersOk(`http://127.0.0.1:${gatewayPort}/socket.io/?EIO=4&transport=polling`);
    }
    case 'worker':
      return workerBeating();
    default:
      throw new Error(`no health check for '${service}' (expected api, gateway or worker)`);
  }
}

healthy(process.argv[2]).then(
  (ok) => process.exit(ok ? 0 : 1),
  (error) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
