import * as path from 'node:path';
import {
  apiConfigSchema,
  gatewayConfigSchema,
  loadConfig,
  workerConfigSchema,
  type ApiConfig,
} from '@fleetpush/config';
import type { CliIo } from '../cli-io';
import { ExitCode } from '../exit-codes';
import { ensureLocalSecret, LocalSecretFile } from '../local-secrets';
import { commandArgs, intFlag } from '../parse-flags';
import { REPO_ROOT } from '../repo-root';
import { startDemoFleet, type DemoFleet } from './demo-fleet';
import { startLocalStack, type LocalStack } from './local-stack';
import { findRedisServer, REDIS_HELP, startPrivateRedis, type PrivateRedis } from './private-redis';
import { redisAnswers } from './redis-probe';
import { SERVICE_NAMES, serviceArgs, stopServices, type ServiceProcess } from './service-process';
import { StartError, StartErrorCode } from './start-errors';

/** Usage of `fleetpush start`. */
export const START_USAGE = `usage: fleetpush start [--demo] [--devices N] [--dev]
  api + worker + gateway for one machine, as child processes with one shared environment,
  behind one port (FLEETPUSH_PORT): the API, the web UI and live events (/socket.io/).
  Starts a private redis-server (data under FLEETPUSH_DATA_DIR) when none answers at
  FLEETPUSH_REDIS_URL. Without FLEETPUSH_ADMIN_TOKEN / FLEETPUSH_SECRET_KEY (local mode) they are
  generated once into 0600 files under FLEETPUSH_DATA_DIR and reused.
  --demo        also start a simulated fleet and import it (replaces the inventory)
  --devices N   size of the demo fleet (default 10)
  --dev         run the services from their TypeScript sources (no build needed)
  Ctrl-C / SIGTERM stops everything (a second one forces).`;

/** Grace for services to drain on the first signal before they are killed. */
const DRAIN_MS = 15_000;

interface Started {
  redis?: PrivateRedis;
  stack?: LocalStack;
  demo?: DemoFleet;
}

function children(started: Started): ServiceProcess[] {
  return [...(started.demo ? [started.demo.process] : []), ...(started.stack?.services ?? [])];
}

async function stopAll(started: Started, force?: Promise<void>): Promise<void> {
  await started.stack?.frontDoor.close();
  await stopServices(children(started), DRAIN_MS, force);
  await started.redis?.stop();
}

/** Redis for the services: the configured one when it answers, else a private one. */
async function ensureRedis(
  url: string,
  dataDir: string,
  io: CliIo,
  started: Started,
): Promise<string> {
  if (await redisAnswers(url)) return url;
  const binary = findRedisServer(io.env.PATH);
  if (binary === undefined) throw new StartError(StartErrorCode.noRedis, REDIS_HELP);
  io.stderr(`fleetpush: no Redis answers at ${url}; starting a private redis-server\n`);
  started.redis = await startPrivateRedis(binary, dataDir);
  io.stderr(
    `fleetpush: private redis-server at ${started.redis.url}, data in ${path.join(dataDir, 'redis')}\n`,
  );
  return started.redis.url;
}

/**
 * Environment overrides for local mode: the admin token and secret key generated once into
 * 0600 files under the data directory when the environment does not set them.
 */
async function localSecrets(
  configured: { adminToken: string | undefined; secretKey: boolean },
  dataDir: string,
): Promise<{ env: NodeJS.ProcessEnv; adminToken: string; tokenFile?: string }> {
  const env: NodeJS.ProcessEnv = {};
  let adminToken = configured.adminToken ?? '';
  let tokenFile: string | undefined;
  if (configured.adminToken === undefined) {
    const token = await ensureLocalSecret(dataDir, LocalSecretFile.adminToken);
    env.FLEETPUSH_ADMIN_TOKEN = adminToken = token.value;
    tokenFile = token.path;
  }
  if (!configured.secretKey) {
    env.FLEETPUSH_SECRET_KEY = (await ensureLocalSecret(dataDir, LocalSecretFile.secretKey)).value;
  }
  return { env, adminToken, ...(tokenFile !== undefined && { tokenFile }) };
}

/** Where everything is: the URLs, the token file (never the token) and the logs. */
function announce(
  io: CliIo,
  stack: LocalStack,
  tokenFile: string | undefined,
  dataDir: string,
): void {
  io.stdout(`fleetpush: web UI ${stack.apiUrl}/ (sign in with the admin token)\n`);
  io.stdout(`fleetpush: api ${stack.apiUrl}\n`);
  io.stdout(`fleetpush: gateway ${stack.gatewayUrl} (live events, on the same port)\n`);
  io.stdout(
    tokenFile === undefined
      ? 'fleetpush: admin token from FLEETPUSH_ADMIN_TOKEN\n'
      : `fleetpush: admin token in ${tokenFile}\n`,
  );
  io.stdout(`fleetpush: logs in ${path.join(dataDir, 'logs')}\n`);
}

/**
 * The web UI is served by the API and follows jobs on its own origin: the front door puts the
 * gateway there, so it needs no gateway URL and no CORS (an operator's settings still apply).
 */
function webUiEnv(api: ApiConfig): NodeJS.ProcessEnv {
  return api.gatewayUrl === undefined ? {} : { FLEETPUSH_GATEWAY_URL: api.gatewayUrl };
}

/** Starts everything; what was started is recorded in `started` as it goes, for cleanup. */
async function bringUp(
  io: CliIo,
  options: { demo: boolean; devices: number; fromSource: boolean },
  started: Started,
): Promise<void> {
  const api = loadConfig(apiConfigSchema, io.env);
  loadConfig(gatewayConfigSchema, io.env);
  loadConfig(workerConfigSchema, io.env);
  const names = options.demo ? SERVICE_NAMES : SERVICE_NAMES.filter((n) => n !== 'device-sim');
  for (const name of names) serviceArgs(REPO_ROOT, name, options.fromSource);
  const dataDir = path.resolve(io.cwd, api.dataDir);
  const redisUrl = await ensureRedis(api.redisUrl, dataDir, io, started);
  const secrets = await localSecrets(
    { adminToken: api.adminToken?.reveal(), secretKey: api.secretKey !== undefined },
    dataDir,
  );
  const env: NodeJS.ProcessEnv = {
    ...io.env,
    ...secrets.env,
    FLEETPUSH_REDIS_URL: redisUrl,
    ...webUiEnv(api),
  };
  const common = { root: REPO_ROOT, env, fromSource: options.fromSource, dataDir };
  started.stack = await startLocalStack({ ...common, port: api.port });
  announce(io, started.stack, secrets.tokenFile, dataDir);
  if (options.demo) {
    started.demo = await startDemoFleet({
      ...common,
      devices: options.devices,
      api: { baseUrl: started.stack.apiUrl, token: secrets.adminToken },
    });
    io.stdout(
      `fleetpush: demo fleet of ${started.demo.devices} simulated devices imported (simulator control ${started.demo.controlUrl})\n`,
    );
  }
  io.stdout('fleetpush: ready; try `npx fleetpush devices list` (Ctrl-C stops)\n');
}

/** Resolves when a child ends on its own (a crash): the stack is no longer whole. */
function anyChildExit(started: Started): Promise<ServiceProcess> {
  return Promise.race(children(started).map((s) => s.exited.then(() => s)));
}

/**
 * `fleetpush start [--demo]`: runs until SIGINT/SIGTERM (exit 0 after a clean stop) or until a
 * service dies (exit 1, its last output printed).
 */
export async function startCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = commandArgs(
    args,
    {
      demo: { type: 'boolean' },
      devices: { type: 'string' },
      dev: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    [],
    START_USAGE,
  );
  const devices = intFlag('devices', values.devices, 1, START_USAGE) ?? 10;
  const never = new Promise<void>(() => {});
  const signals = io.signals ?? { first: never, second: never };
  const started: Started = {};
  try {
    const up = bringUp(
      io,
      { demo: values.demo ?? false, devices, fromSource: values.dev ?? false },
      started,
    );
    const interrupted = await Promise.race([up.then(() => false), signals.first.then(() => true)]);
    if (interrupted) {
      await up.catch(() => undefined);
      io.stderr('fleetpush: stopping\n');
      await stopAll(started, signals.second);
      return ExitCode.completed;
    }
    const ended = await Promise.race([anyChildExit(started), signals.first.then(() => undefined)]);
    if (ended)
      io.stderr(
        `fleetpush: the ${ended.name} stopped unexpectedly; its last output:\n${ended.tail()}\n`,
      );
    io.stderr('fleetpush: stopping (a second Ctrl-C forces)\n');
    await stopAll(started, signals.second);
    io.stderr('fleetpush: stopped\n');
    return ended ? ExitCode.failed : ExitCode.completed;
  } catch (error) {
    await stopAll(started);
    throw error;
  }
}
