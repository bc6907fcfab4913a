// @ts-check
'use strict';
/**
 * Health probe of a fleetpush container: `fleetpush-entrypoint healthcheck <service>`, used by
 * docker-compose.yml. Exits 0 when the service answers `GET /readyz` with 200: it serves and
 * can do its work (Redis answers; for a worker, it is also consuming and not draining; for the
 * gateway, live events flow in).
 *
 * - api: `FLEETPUSH_PORT`
 * - gateway: `FLEETPUSH_GATEWAY_PORT` (beside Socket.IO on the same server)
 * - worker: `FLEETPUSH_WORKER_HTTP_PORT` (its probes-and-metrics server)
 *
 * Settings come from the same FLEETPUSH_* variables, parsed by @fleetpush/config, so a probe
 * never disagrees with the service about a port or a default. Kubernetes calls the same paths
 * with httpGet probes (deploy/k8s) and needs no script.
 */
const config = require('@fleetpush/config');

/** Docker kills a hung probe at its own timeout; answer before that. */
const PROBE_TIMEOUT_MS = 4000;

/** @param {number} port */
async function ready(port) {
  const url = `http://127.0.0.1:${port}/readyz`;
  const response = await fetch(url, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
  return response.ok;
}

/** @param {string | undefined} service */
async function healthy(service) {
  switch (service) {
    case 'api':
      return ready(config.loadConfig(config.apiConfigSchema, process.env).port);
    case 'gateway':
      return ready(config.loadConfig(config.gatewayConfigSchema, process.env).gatewayPort);
    case 'worker': {
      const { workerHttpPort } = config.loadConfig(config.workerConfigSchema, process.env);
      return ready(workerHttpPort);
    }
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
