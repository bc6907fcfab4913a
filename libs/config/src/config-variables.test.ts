import { CONFIG_VARIABLES } from './config-variables';

/** DESIGN.md §6: the core names every service, script and deployment agrees on. */
const DESIGN_TABLE: Record<string, string> = {
  FLEETPUSH_REDIS_URL: 'redis://127.0.0.1:6379',
  FLEETPUSH_PREFIX: 'fleetpush',
  FLEETPUSH_PORT: '8080',
  FLEETPUSH_GATEWAY_PORT: '8081',
  FLEETPUSH_ADMIN_TOKEN: 'generated in local mode, written to a 0600 file',
  FLEETPUSH_SECRET_KEY: 'generated in local mode, written to a 0600 file',
  FLEETPUSH_WORKER_CONCURRENCY: '100',
  FLEETPUSH_URL: 'http://127.0.0.1:8080',
  FLEETPUSH_TOKEN: 'the local admin token file',
};

describe('CONFIG_VARIABLES', () => {
  const byName = new Map(CONFIG_VARIABLES.map((v) => [v.name, v]));

  it('has the defaults of the design table', () => {
    for (const [name, shown] of Object.entries(DESIGN_TABLE)) {
      expect(byName.get(name)?.defaultDescription).toBe(shown);
    }
  });

  it('lists the timeouts and caps each service needs, with their defaults', () => {
    expect(
      Object.fromEntries(
        [
          'FLEETPUSH_CONNECT_TIMEOUT_MS',
          'FLEETPUSH_COMMAND_TIMEOUT_MS',
          'FLEETPUSH_DEVICE_TIMEOUT_MS',
          'FLEETPUSH_HOST_KEY_POLICY',
          'FLEETPUSH_LOG_LEVEL',
          'FLEETPUSH_DATA_DIR',
          'FLEETPUSH_CORS_ORIGINS',
          'FLEETPUSH_MAX_SSH_SESSIONS',
          'FLEETPUSH_LOGIN_RATE',
        ].map((name) => [name, byName.get(name)?.default]),
      ),
    ).toEqual({
      FLEETPUSH_CONNECT_TIMEOUT_MS: '10000',
      FLEETPUSH_COMMAND_TIMEOUT_MS: '20000',
      FLEETPUSH_DEVICE_TIMEOUT_MS: '180000',
      FLEETPUSH_HOST_KEY_POLICY: 'tofu',
      FLEETPUSH_LOG_LEVEL: 'info',
      FLEETPUSH_DATA_DIR: '.fleetpush',
      FLEETPUSH_CORS_ORIGINS: '',
      FLEETPUSH_MAX_SSH_SESSIONS: '1000',
      FLEETPUSH_LOGIN_RATE: '50',
    });
  });

  it('names each variable once, with a description, and every one is read by some service', () => {
    expect(new Set(CONFIG_VARIABLES.map((v) => v.name)).size).toBe(CONFIG_VARIABLES.length);
    for (const v of CONFIG_VARIABLES) {
      expect(v.name).toMatch(/^FLEETPUSH_[A-Z0-9_]+$/);
      expect(v.description.length).toBeGreaterThan(10);
      expect(v.usedBy.length).toBeGreaterThan(0);
    }
  });

  it('marks exactly the secrets as secret and gives them no default', () => {
    const secrets = CONFIG_VARIABLES.filter((v) => v.secret);
    expect(secrets.map((v) => v.name).sort()).toEqual([
      'FLEETPUSH_ADMIN_TOKEN',
      'FLEETPUSH_SECRET_KEY',
      'FLEETPUSH_TOKEN',
      'FLEETPUSH_WEBHOOK_SECRET',
    ]);
    for (const v of secrets) expect(v.default).toBeUndefined();
  });

  it('says which service reads what', () => {
    expect(byName.get('FLEETPUSH_REDIS_URL')?.usedBy).toEqual(['api', 'worker', 'gateway']);
    expect(byName.get('FLEETPUSH_SECRET_KEY')?.usedBy).toEqual(['api', 'worker']);
    expect(byName.get('FLEETPUSH_TOKEN')?.usedBy).toEqual(['cli']);
  });
});
