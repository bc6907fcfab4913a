/**
 * @packageDocumentation
 * fleetpush configuration: the only reader of environment variable names. One zod schema per
 * service, `loadConfig(schema, env)` that fails listing every problem, and the list of every
 * variable with its default for the README and the deployment manifests.
 */
export { loadConfig } from './load-config';
export { ConfigError, ConfigErrorCode, type ConfigProblem } from './errors';
export { Secret } from './secret';
export { secretFromVariable, type SecretVariableProblem } from './secret-variable';
export {
  envField,
  portField,
  positiveIntField,
  positiveNumberField,
  durationMsField,
  booleanField,
  enumField,
  logLevelField,
  urlField,
  secretField,
  secretKeyField,
  prefixField,
  pathField,
  originListField,
  quoteValue,
  LOG_LEVELS,
  MAX_DURATION_MS,
  SECRET_KEY_BYTES,
  type EnvField,
  type LogLevel,
  type PortFieldOptions,
  type PositiveIntFieldOptions,
  type PositiveNumberFieldOptions,
} from './fields';
export {
  envVariable,
  optionalEnvVariable,
  envSchema,
  type Env,
  type EnvVariable,
  type AnyEnvVariable,
  type ConfigOf,
} from './env-variable';
export {
  APPROVAL_POLICIES,
  ENV_VARIABLES,
  HOST_KEY_POLICIES,
  type ApprovalPolicy,
  type HostKeyPolicy,
} from './env-variables';
export {
  ConfigService,
  SERVICE_VARIABLES,
  redisConfigSchema,
  apiConfigSchema,
  workerConfigSchema,
  gatewayConfigSchema,
  cliConfigSchema,
  type RedisConfig,
  type ApiConfig,
  type WorkerConfig,
  type GatewayConfig,
  type CliConfig,
} from './service-schemas';
export { CONFIG_VARIABLES, type ConfigVariable } from './config-variables';
export { findUnknownVariables, type UnknownVariable } from './unknown-variables';
export { WORKER_NODE_FLAGS, serviceNodeFlags } from './service-node-flags';
