import { gatewayConfigSchema, loadConfig } from '@fleetpush/config';
import { createLogger, installShutdown, MetricsRegistry } from '@fleetpush/runtime';
import { redisKeys, TokenStore } from '@fleetpush/store';
import { Redis } from 'ioredis';
import { createGateway } from './gateway';

/** Composition root of a standalone gateway (`FLEETPUSH_GATEWAY_PORT`). */
async function main(): Promise<void> {
  const config = loadConfig(gatewayConfigSchema, process.env);
  const logger = createLogger({ service: 'gateway', level: config.logLevel });
  const redis = new Redis(config.redisUrl, { lazyConnect: true });
  redis.on('error', (error: unknown) => logger.warn({ err: error }, 'redis connection error'));
  await redis.connect();
  const keys = redisKeys(config.prefix);
  const gateway = createGateway({
    redis,
    keys,
    tokens: new TokenStore(redis, keys),
    adminToken: config.adminToken,
    corsOrigins: config.corsOrigins,
    port: config.gatewayPort,
    logger,
    metrics: new MetricsRegistry({ service: 'gateway', processMetrics: true }),
  });
  installShutdown([() => gateway.close(), () => redis.quit().then(() => undefined)], {
    onEvent: (event, detail) => logger.info({ event, err: detail }, 'shutdown'),
  });
  await gateway.start();
  logger.info({ port: gateway.port }, 'gateway listening');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
