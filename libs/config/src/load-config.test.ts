import { inspect } from 'node:util';
import { ConfigError } from './errors';
import { loadConfig } from './load-config';
import {
  apiConfigSchema,
  cliConfigSchema,
  gatewayConfigSchema,
  redisConfigSchema,
  workerConfigSchema,
} from './service-schemas';

const HEX_KEY = 'a1'.repeat(32);
const ADMIN = 'adm1n-t0ken-that-is-long-enough-0123456789';

/** The thrown ConfigError, or a failure if nothing was thrown. */
function failure(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('gives every service its defaults from an empty environment', () => {
    expect(loadConfig(redisConfigSchema, {})).toEqual({
      redisUrl: 'redis://127.0.0.1:6379',
      prefix: 'fleetpush',
    });
    expect(loadConfig(apiConfigSchema, {})).toEqual({
      redisUrl: 'redis://127.0.0.1:6379',
      prefix: 'fleetpush',
      port: 8080,
      adminToken: undefined,
      secretKey: undefined,
      logLevel: 'info',
      dataDir: '.fleetpush',
      corsOrigins: [],
      hostKeyPolicy: 'tofu',
      connectTimeoutMs: 10000,
      importCheckConcurrency: 50,
      maxSshSessions: 1000,
      loginRate: 50,
      approvalPolicy: 'none',
    });
    expect(loadConfig(workerConfigSchema, {})).toMatchObject({
      workerConcurrency: 100,
      maxSshSessions: 1000,
      loginRate: 50,
      hostKeyPolicy: 'tofu',
      connectTimeoutMs: 10000,
      commandTimeoutMs: 20000,
      deviceTimeoutMs: 180000,
    });
    expect(loadConfig(gatewayConfigSchema, {})).toMatchObject({ gatewayPort: 8081 });
    expect(loadConfig(cliConfigSchema, {})).toEqual({
      url: 'http://127.0.0.1:8080',
      token: undefined,
      dataDir: '.fleetpush',
      logLevel: 'info',
    });
  });

  it('reads given values and treats blank ones as unset', () => {
    const config = loadConfig(apiConfigSchema, {
      FLEETPUSH_PORT: '9090',
      FLEETPUSH_PREFIX: '  ',
      FLEETPUSH_LOG_LEVEL: '',
      FLEETPUSH_ADMIN_TOKEN: ADMIN,
      FLEETPUSH_SECRET_KEY: HEX_KEY,
      FLEETPUSH_CORS_ORIGINS: 'https://ops.example.com',
      UNRELATED: 'x',
    });
    expect(config).toMatchObject({ port: 9090, prefix: 'fleetpush', logLevel: 'info' });
    expect(config.adminToken?.reveal()).toBe(ADMIN);
    expect(config.secretKey?.reveal()).toHaveLength(32);
    expect(config.corsOrigins).toEqual(['https://ops.example.com']);
    expect(Object.keys(config)).not.toContain('UNRELATED');
  });

  it('reports every problem at once, one line each, naming the variable and the fix', () => {
    const error = failure(() =>
      loadConfig(workerConfigSchema, {
        FLEETPUSH_REDIS_URL: 'localhost',
        FLEETPUSH_WORKER_CONCURRENCY: 'lots',
        FLEETPUSH_HOST_KEY_POLICY: 'yolo',
        FLEETPUSH_CONNECT_TIMEOUT_MS: '10s',
      }),
    );
    expect(error.code).toBe('config_invalid');
    expect(error.problems.map((p) => p.variable)).toEqual([
      'FLEETPUSH_REDIS_URL',
      'FLEETPUSH_WORKER_CONCURRENCY',
      'FLEETPUSH_HOST_KEY_POLICY',
      'FLEETPUSH_CONNECT_TIMEOUT_MS',
    ]);
    expect(error.message.split('\n')).toEqual([
      'Invalid configuration (4 problems):',
      "  - FLEETPUSH_REDIS_URL: expected a redis:// or rediss:// URL, got 'localhost'. Set it to a full URL, e.g. redis://127.0.0.1:6379.",
      "  - FLEETPUSH_WORKER_CONCURRENCY: expected an integer 1-5000, got 'lots'. Set it to the number of device tasks in flight per worker, e.g. 100.",
      "  - FLEETPUSH_HOST_KEY_POLICY: expected one of strict|tofu, got 'yolo'. Set it to strict (pinned keys only) or tofu.",
      "  - FLEETPUSH_CONNECT_TIMEOUT_MS: expected a whole number of milliseconds 1-2147483647, got '10s'. Set it in milliseconds without a unit, e.g. 10000 for 10 s.",
    ]);
  });

  it('refuses an approval policy it does not know, saying which it knows', () => {
    const error = failure(() => loadConfig(apiConfigSchema, { FLEETPUSH_APPROVAL_POLICY: 'prod' }));
    expect(error.message).toBe(
      "Invalid configuration (1 problem):\n  - FLEETPUSH_APPROVAL_POLICY: expected one of none|production|all, got 'prod'. Set it to none, production or all.",
    );
  });

  it('gives the example message for a bad port', () => {
    const error = failure(() => loadConfig(apiConfigSchema, { FLEETPUSH_PORT: 'abc' }));
    expect(error.message).toBe(
      "Invalid configuration (1 problem):\n  - FLEETPUSH_PORT: expected an integer 1-65535, got 'abc'. Set it to a free TCP port, e.g. 8080.",
    );
  });

  it('refuses a device deadline shorter than the connect or command deadline', () => {
    const error = failure(() =>
      loadConfig(workerConfigSchema, {
        FLEETPUSH_DEVICE_TIMEOUT_MS: '15000',
        FLEETPUSH_COMMAND_TIMEOUT_MS: '20000',
      }),
    );
    expect(error.problems).toEqual([
      {
        variable: 'FLEETPUSH_DEVICE_TIMEOUT_MS',
        message:
          'expected at least FLEETPUSH_COMMAND_TIMEOUT_MS (20000), got 15000. Raise it or lower FLEETPUSH_COMMAND_TIMEOUT_MS.',
      },
    ]);
  });

  it('never echoes a secret: not in the message, the problems, JSON or inspect output', () => {
    const badToken = 'tooShortButSecret';
    const badKey = 'deadbeef'.repeat(7);
    const error = failure(() =>
      loadConfig(apiConfigSchema, {
        FLEETPUSH_ADMIN_TOKEN: badToken,
        FLEETPUSH_SECRET_KEY: badKey,
        FLEETPUSH_REDIS_URL: 'redis://:redisPassw0rd@cache:6379x',
      }),
    );
    expect(error.problems.map((p) => p.variable)).toEqual([
      'FLEETPUSH_REDIS_URL',
      'FLEETPUSH_ADMIN_TOKEN',
      'FLEETPUSH_SECRET_KEY',
    ]);
    expect(error.message).toContain('got a value of 17 characters (hidden)');
    expect(error.message).toContain('got a value of 56 characters (hidden)');
    for (const shown of [error.message, JSON.stringify(error), inspect(error, { depth: 10 })]) {
      expect(shown).not.toContain(badToken);
      expect(shown).not.toContain('deadbeef');
      expect(shown).not.toContain('redisPassw0rd');
    }
  });

  it('keeps valid secrets out of logs of the whole config object', () => {
    const config = loadConfig(apiConfigSchema, {
      FLEETPUSH_ADMIN_TOKEN: ADMIN,
      FLEETPUSH_SECRET_KEY: HEX_KEY,
    });
    for (const shown of [
      JSON.stringify(config),
      inspect(config, { depth: 10 }),
      `${config.adminToken}`,
    ]) {
      expect(shown).not.toContain(ADMIN);
      expect(shown).not.toContain('a1a1');
      expect(shown).toContain('[redacted]');
    }
  });

  it('reports a non-string value by variable name without a crash', () => {
    const env = { FLEETPUSH_PORT: 8080 } as unknown as Record<string, string>;
    const error = failure(() => loadConfig(apiConfigSchema, env));
    expect(error.problems).toEqual([{ variable: 'FLEETPUSH_PORT', message: expect.any(String) }]);
  });
});
