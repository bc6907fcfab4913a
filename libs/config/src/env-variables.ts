import { envVariable, optionalEnvVariable } from './env-variable';
import {
  countField,
  durationMsField,
  enumField,
  logLevelField,
  originListField,
  pathField,
  portField,
  positiveIntField,
  positiveNumberField,
  prefixField,
  secretField,
  secretKeyField,
  urlField,
} from './fields';

// Every `FLEETPUSH_*` variable, each defined once with its default. The services compose
// them in `service-schemas.ts`; `CONFIG_VARIABLES` lists them for the README and manifests.

const redisUrl = envVariable({
  name: 'FLEETPUSH_REDIS_URL',
  key: 'redisUrl',
  description: 'Redis connection (queues, state, events, inventory)',
  default: 'redis://127.0.0.1:6379',
  field: urlField({ protocols: ['redis:', 'rediss:'], example: 'redis://127.0.0.1:6379' }),
});

const prefix = envVariable({
  name: 'FLEETPUSH_PREFIX',
  key: 'prefix',
  description: 'prefix of every Redis key and queue',
  default: 'fleetpush',
  field: prefixField(),
});

const port = envVariable({
  name: 'FLEETPUSH_PORT',
  key: 'port',
  description:
    'HTTP port of the API and of the web UI it serves (under `fleetpush start`, also of the Socket.IO gateway: one port for all three)',
  default: '8080',
  field: portField({ example: 8080 }),
});

const gatewayPort = envVariable({
  name: 'FLEETPUSH_GATEWAY_PORT',
  key: 'gatewayPort',
  description: 'port of a standalone gateway',
  default: '8081',
  field: portField({ example: 8081 }),
});

const workerHttpPort = envVariable({
  name: 'FLEETPUSH_WORKER_HTTP_PORT',
  key: 'workerHttpPort',
  description:
    "port of a worker's probes and metrics (/healthz, /readyz, /metrics); 0 picks a free one",
  default: '8082',
  field: portField({ example: 8082, allowAnyPort: true }),
});

const drainTimeoutMs = envVariable({
  name: 'FLEETPUSH_DRAIN_TIMEOUT_MS',
  key: 'drainTimeoutMs',
  description:
    'after the first SIGTERM, how long a worker lets in-flight devices finish before it forces its exit (what is left is recovered by another worker)',
  default: '30000',
  field: durationMsField({ example: 30000 }),
});

/** Admin tokens are compared as bearer secrets: 32 characters is 128+ bits when random. */
const ADMIN_TOKEN_MIN_LENGTH = 32;

const adminToken = optionalEnvVariable({
  name: 'FLEETPUSH_ADMIN_TOKEN',
  key: 'adminToken',
  description: 'the first admin bearer token',
  whenUnset: 'generated in local mode, written to a 0600 file',
  secret: true,
  field: secretField({
    minLength: ADMIN_TOKEN_MIN_LENGTH,
    hint: 'Generate one with `openssl rand -hex 32`.',
  }),
});

const secretKey = optionalEnvVariable({
  name: 'FLEETPUSH_SECRET_KEY',
  key: 'secretKey',
  description: 'key that encrypts device secrets at rest (32 bytes, 64 hex digits or base64)',
  whenUnset: 'generated in local mode, written to a 0600 file',
  secret: true,
  field: secretKeyField(),
});

const workerConcurrency = envVariable({
  name: 'FLEETPUSH_WORKER_CONCURRENCY',
  key: 'workerConcurrency',
  description: 'device tasks in flight per worker process',
  default: '100',
  // Past a few thousand SSH sessions one Node process runs out of CPU for keepalives and
  // prompt matching; scale out with more workers instead.
  field: positiveIntField({
    max: 5000,
    meaning: 'device tasks in flight per worker',
    example: 100,
  }),
});

const url = envVariable({
  name: 'FLEETPUSH_URL',
  key: 'url',
  description: 'where the CLI and the client find the API',
  default: 'http://127.0.0.1:8080',
  field: urlField({ protocols: ['http:', 'https:'], example: 'https://fleetpush.example.com' }),
});

const gatewayUrl = optionalEnvVariable({
  name: 'FLEETPUSH_GATEWAY_URL',
  key: 'gatewayUrl',
  description:
    'where the CLI, the client and the web UI (told by the API) find the Socket.IO gateway for live job events',
  whenUnset:
    'the CLI polls the API; the web UI uses its own origin (route `/socket.io` there to the gateway, as `fleetpush start` does)',
  field: urlField({
    protocols: ['http:', 'https:'],
    example: 'https://fleetpush.example.com:8081',
  }),
});

const token = optionalEnvVariable({
  name: 'FLEETPUSH_TOKEN',
  key: 'token',
  description: 'bearer token the CLI and the client send to the API',
  whenUnset: 'the local admin token file',
  secret: true,
  field: secretField({ minLength: 1, hint: 'Set it to a token issued by the API.' }),
});

const logLevel = envVariable({
  name: 'FLEETPUSH_LOG_LEVEL',
  key: 'logLevel',
  description: 'least severe log level written (JSON lines on stdout)',
  default: 'info',
  field: logLevelField(),
});

const dataDir = envVariable({
  name: 'FLEETPUSH_DATA_DIR',
  key: 'dataDir',
  description:
    'where local mode writes the 0600 admin-token and secret-key files; relative to the working directory',
  default: '.fleetpush',
  field: pathField({ example: '/var/lib/fleetpush' }),
});

const corsOrigins = envVariable({
  name: 'FLEETPUSH_CORS_ORIGINS',
  key: 'corsOrigins',
  description: 'comma-separated web origins allowed to call the API and the gateway',
  default: '',
  field: originListField(),
});

const webRoot = optionalEnvVariable({
  name: 'FLEETPUSH_WEB_ROOT',
  key: 'webRoot',
  description: 'directory of the built web UI the API serves at `/`',
  whenUnset: 'services/web/dist when it exists (no UI otherwise)',
  field: pathField({ example: '/opt/fleetpush/web' }),
});

const maxSshSessions = envVariable({
  name: 'FLEETPUSH_MAX_SSH_SESSIONS',
  key: 'maxSshSessions',
  description: 'fleet-wide cap on open SSH sessions, across all workers and jobs',
  // Ten workers at the default concurrency; raise it with the worker count.
  default: '1000',
  field: positiveIntField({ max: 1_000_000, meaning: 'SSH sessions open at once', example: 1000 }),
});

const loginRate = envVariable({
  name: 'FLEETPUSH_LOGIN_RATE',
  key: 'loginRate',
  description: 'fleet-wide new SSH logins per second, to spare TACACS+/RADIUS servers',
  // AAA servers commonly take a few hundred authentications a second; 50 leaves room for
  // the humans logging in during a change.
  default: '50',
  field: positiveNumberField({ max: 100_000, meaning: 'new SSH logins per second', example: 50 }),
});

const jobRetentionDays = envVariable({
  name: 'FLEETPUSH_JOB_RETENTION_DAYS',
  key: 'jobRetentionDays',
  description:
    'days a finished job (its results, diffs and events) is kept in Redis before the workers delete it; 0 keeps jobs forever',
  // A quarter of history for audits and "what changed last month", without Redis growing forever.
  default: '90',
  field: countField({
    max: 36_500,
    meaning: 'days to keep a finished job',
    example: 90,
    zero: 'keep jobs forever',
  }),
});

/**
 * Which jobs need a second person's approval before they touch a device: none, those that reach
 * a production device, or all.
 */
export const APPROVAL_POLICIES = ['none', 'production', 'all'] as const;

/** An approval policy. */
export type ApprovalPolicy = (typeof APPROVAL_POLICIES)[number];

const approvalPolicy = envVariable({
  name: 'FLEETPUSH_APPROVAL_POLICY',
  key: 'approvalPolicy',
  description:
    'four eyes: which jobs wait, stored, until someone other than their submitter approves them (POST /jobs/{id}/approve): none, production (jobs reaching a prod device; the approver needs the admin role) or all',
  default: 'none',
  field: enumField(APPROVAL_POLICIES, 'Set it to none, production or all.'),
});

/** Host-key policies: only pinned keys, or trust-on-first-use recorded as an enrollment. */
export const HOST_KEY_POLICIES = ['strict', 'tofu'] as const;

/** A host-key policy. */
export type HostKeyPolicy = (typeof HOST_KEY_POLICIES)[number];

const hostKeyPolicy = envVariable({
  name: 'FLEETPUSH_HOST_KEY_POLICY',
  key: 'hostKeyPolicy',
  description:
    'strict: only host keys pinned in the inventory; tofu: trust a first-seen key and record it (a changed key is refused either way)',
  // A freshly imported fleet has no pinned fingerprints: strict would refuse every device.
  default: 'tofu',
  field: enumField(HOST_KEY_POLICIES, 'Set it to strict (pinned keys only) or tofu.'),
});

const connectTimeoutMs = envVariable({
  name: 'FLEETPUSH_CONNECT_TIMEOUT_MS',
  key: 'connectTimeoutMs',
  description: 'deadline for TCP connect, SSH handshake and login',
  default: '10000',
  field: durationMsField({ example: 10000 }),
});

const commandTimeoutMs = envVariable({
  name: 'FLEETPUSH_COMMAND_TIMEOUT_MS',
  key: 'commandTimeoutMs',
  description: "deadline for one command's output to end at a prompt",
  default: '20000',
  field: durationMsField({ example: 20000 }),
});

const deviceTimeoutMs = envVariable({
  name: 'FLEETPUSH_DEVICE_TIMEOUT_MS',
  key: 'deviceTimeoutMs',
  description:
    'deadline for a whole device task (connect to diff), enforced by closing the session',
  default: '180000',
  field: durationMsField({ example: 180000 }),
});

const importCheckConcurrency = envVariable({
  name: 'FLEETPUSH_IMPORT_CHECK_CONCURRENCY',
  key: 'importCheckConcurrency',
  description: 'parallel SSH logins of an import with `validate=connect`',
  // Fifty logins at once finish a 1,000-device check in seconds and stay within what AAA
  // servers commonly take.
  default: '50',
  field: positiveIntField({
    max: 1000,
    meaning: 'parallel logins of a connection check',
    example: 50,
  }),
});

/** An HMAC key shorter than this is guessable offline from one signed body. */
const WEBHOOK_SECRET_MIN_LENGTH = 32;

const webhookSecret = optionalEnvVariable({
  name: 'FLEETPUSH_WEBHOOK_SECRET',
  key: 'webhookSecret',
  description:
    'HMAC-SHA256 key of job webhooks (`X-Fleetpush-Signature: sha256=<hex>` of the body)',
  whenUnset: 'webhooks are sent unsigned',
  secret: true,
  field: secretField({
    minLength: WEBHOOK_SECRET_MIN_LENGTH,
    hint: 'Generate one with `openssl rand -hex 32` and give it to the webhook receivers.',
  }),
});

/**
 * Every variable by config key, in the order of the README table. Services compose these;
 * a new variable is added here and nowhere else.
 */
export const ENV_VARIABLES = {
  redisUrl,
  prefix,
  port,
  gatewayPort,
  workerHttpPort,
  drainTimeoutMs,
  adminToken,
  secretKey,
  workerConcurrency,
  url,
  gatewayUrl,
  token,
  logLevel,
  dataDir,
  corsOrigins,
  webRoot,
  maxSshSessions,
  loginRate,
  jobRetentionDays,
  hostKeyPolicy,
  connectTimeoutMs,
  commandTimeoutMs,
  deviceTimeoutMs,
  importCheckConcurrency,
  webhookSecret,
  approvalPolicy,
} as const;
