import { loadConfig, workerConfigSchema } from '@fleetpush/config';
import { createLogger, installShutdown } from '@fleetpush/runtime';
import { createWorkerService } from './worker-service';

/** Composition root of a worker process. */
async function main(): Promise<void> {
  const config = loadConfig(workerConfigSchema, process.env);
  const logger = createLogger({ service: 'worker', level: config.logLevel });
  const secretKey = config.secretKey?.reveal();
  if (!secretKey) {
    logger.fatal(
      'FLEETPUSH_SECRET_KEY is required by the worker (it opens the sealed device credentials)',
    );
    process.exit(2);
  }
  const webhookSecret = config.webhookSecret?.reveal();
  if (!webhookSecret)
    logger.warn('FLEETPUSH_WEBHOOK_SECRET is unset: job webhooks are sent unsigned');
  const service = createWorkerService({ ...config, secretKey, webhookSecret }, logger, {
    processMetrics: true,
  });
  installShutdown([() => service.close()], {
    drainTimeoutMs: config.drainTimeoutMs,
    // Forced: in-flight devices are left to another worker's recovery, so it is a warning.
    onEvent: (event, detail) =>
      event === 'forced'
        ? logger.warn({ event, reason: detail }, 'shutdown forced')
        : logger.info({ event }, 'shutdown'),
  });
  await service.start();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
