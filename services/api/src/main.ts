import { apiConfigSchema, loadConfig } from '@fleetpush/config';
import { SecretBox } from '@fleetpush/inventory';
import { DeviceTaskQueue } from '@fleetpush/queue';
import { createLogger, installShutdown, MetricsRegistry } from '@fleetpush/runtime';
import {
  CredentialStore,
  EventLog,
  FleetLimits,
  InventoryStore,
  JobReader,
  redisKeys,
  RunCoordinator,
  TokenStore,
} from '@fleetpush/store';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Redis } from 'ioredis';
import { createApi } from './create-api';

/** The built UI next to this package in the repository (`services/web/dist`), when it exists. */
function defaultWebRoot(): string | undefined {
  const dir = path.resolve(__dirname, '..', '..', 'web', 'dist');
  return existsSync(dir) ? dir : undefined;
}

/** Composition root of a standalone API (`FLEETPUSH_PORT`). */
async function main(): Promise<void> {
  const config = loadConfig(apiConfigSchema, process.env);
  const logger = createLogger({ service: 'api', level: config.logLevel });
  const secretKey = config.secretKey?.reveal();
  if (!secretKey) {
    throw new Error('FLEETPUSH_SECRET_KEY is required to run the API outside local mode');
  }
  const redis = new Redis(config.redisUrl, { lazyConnect: true });
  redis.on('error', (error: unknown) => logger.warn({ err: error }, 'redis connection error'));
  await redis.connect();
  const keys = redisKeys(config.prefix);
  // BullMQ defines ~40 scripts on its connection and ioredis copies them into every pipeline and
  // MULTI built on it (imports, job lists, submissions): the queue gets a connection of its own
  const queueConnection = redis.duplicate();
  queueConnection.on('error', (error: unknown) =>
    logger.warn({ err: error }, 'redis connection error'),
  );
  const queue = new DeviceTaskQueue(queueConnection, config.prefix, (error) =>
    logger.warn({ err: error }, 'queue connection error'),
  );
  const app = createApi({
    redis,
    keys,
    inventory: new InventoryStore(redis, keys),
    credentials: new CredentialStore(redis, keys),
    tokens: new TokenStore(redis, keys),
    reader: new JobReader(redis, keys),
    events: new EventLog(redis, keys),
    secretBox: new SecretBox(secretKey),
    coordinator: new RunCoordinator(redis, keys),
    queue,
    logger,
    adminToken: config.adminToken,
    hostKeyPolicy: config.hostKeyPolicy,
    corsOrigins: config.corsOrigins,
    approvalPolicy: config.approvalPolicy,
    metrics: new MetricsRegistry({ service: 'api', processMetrics: true }),
    connectCheck: {
      hostKeyPolicy: config.hostKeyPolicy,
      concurrency: config.importCheckConcurrency,
      connectTimeoutMs: config.connectTimeoutMs,
    },
    fleetLimits: new FleetLimits(redis, keys.prefix, {
      maxSessions: config.maxSshSessions,
      loginsPerSecond: config.loginRate,
    }),
    web: {
      root: config.webRoot ?? defaultWebRoot(),
      ...(config.gatewayUrl ? { gatewayUrl: config.gatewayUrl } : {}),
    },
  });
  const server = app.listen(config.port);
  const closeServer = (): Promise<void> =>
    new Promise((resolve) => {
      server.close(() => resolve());
    });
  const quit = (connection: Redis) => () => connection.quit().then(() => undefined);
  installShutdown([closeServer, () => queue.close(), quit(queueConnection), quit(redis)], {
    onEvent: (event, detail) => logger.info({ event, err: detail }, 'shutdown'),
  });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  logger.info({ port: config.port }, 'api listening');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
