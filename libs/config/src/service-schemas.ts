import { type z } from 'zod';
import { envSchema } from './env-variable';
import { ENV_VARIABLES as V } from './env-variables';

/** The processes that read configuration. */
export const ConfigService = {
  api: 'api',
  worker: 'worker',
  gateway: 'gateway',
  cli: 'cli',
} as const;

/** A service name. */
export type ConfigService = (typeof ConfigService)[keyof typeof ConfigService];

const REDIS = [V.redisUrl, V.prefix] as const;

/** Which variables each service reads. `fleetpush start` reads the union (all in one). */
export const SERVICE_VARIABLES = {
  api: [
    ...REDIS,
    V.port,
    V.adminToken,
    V.secretKey,
    V.logLevel,
    V.dataDir,
    V.corsOrigins,
    // `POST /commands/exec` and `validate=connect` log in to devices as the workers do.
    V.hostKeyPolicy,
    V.connectTimeoutMs,
    V.importCheckConcurrency,
    V.maxSshSessions,
    V.loginRate,
    V.webRoot,
    V.gatewayUrl,
    V.approvalPolicy,
  ],
  worker: [
    ...REDIS,
    V.workerConcurrency,
    V.workerHttpPort,
    V.drainTimeoutMs,
    V.secretKey,
    V.logLevel,
    V.dataDir,
    V.maxSshSessions,
    V.loginRate,
    V.hostKeyPolicy,
    V.connectTimeoutMs,
    V.commandTimeoutMs,
    V.deviceTimeoutMs,
    V.webhookSecret,
    V.jobRetentionDays,
  ],
  gateway: [...REDIS, V.gatewayPort, V.adminToken, V.logLevel, V.dataDir, V.corsOrigins],
  cli: [V.url, V.gatewayUrl, V.token, V.dataDir, V.logLevel],
} as const;

/** Redis connection and key prefix, shared by every server process. */
export const redisConfigSchema = envSchema(REDIS);
/** The typed Redis config. */
export type RedisConfig = z.output<typeof redisConfigSchema>;

/** The API service's config. */
export const apiConfigSchema = envSchema(SERVICE_VARIABLES.api);
/** The typed API config. */
export type ApiConfig = z.output<typeof apiConfigSchema>;

/**
 * The worker's config. A device deadline shorter than a connect or command deadline would
 * make those deadlines meaningless, so it is refused.
 */
export const workerConfigSchema = envSchema(SERVICE_VARIABLES.worker).superRefine((c, ctx) => {
  for (const [shorter, name] of [
    [c.connectTimeoutMs, V.connectTimeoutMs.name],
    [c.commandTimeoutMs, V.commandTimeoutMs.name],
  ] as const) {
    if (c.deviceTimeoutMs >= shorter) continue;
    ctx.addIssue({
      code: 'custom',
      path: [V.deviceTimeoutMs.name],
      message: `expected at least ${name} (${shorter}), got ${c.deviceTimeoutMs}. Raise it or lower ${name}.`,
    });
  }
});
/** The typed worker config. */
export type WorkerConfig = z.output<typeof workerConfigSchema>;

/** The standalone Socket.IO gateway's config. */
export const gatewayConfigSchema = envSchema(SERVICE_VARIABLES.gateway);
/** The typed gateway config. */
export type GatewayConfig = z.output<typeof gatewayConfigSchema>;

/** The `fleetpush` CLI's (and the SDK's) config. */
export const cliConfigSchema = envSchema(SERVICE_VARIABLES.cli);
/** The typed CLI config. */
export type CliConfig = z.output<typeof cliConfigSchema>;
