import {
  apiConfigSchema,
  CONFIG_VARIABLES,
  type ConfigService,
  gatewayConfigSchema,
  loadConfig,
  SERVICE_VARIABLES,
  workerConfigSchema,
} from '@fleetpush/config';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, copyFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  asRecord,
  entrypointServices,
  parseEnvFile,
  parseYaml,
  readText,
  ROOT,
  sourceOf,
  unknownVariableNames,
  words,
} from './deploy-files';

const compose = asRecord(parseYaml('docker-compose.yml')[0], 'docker-compose.yml');
const services = asRecord(compose.services, 'services');
const service = (name: string): Record<string, unknown> =>
  asRecord(services[name], `services.${name}`);
const envExample = readText('.env.example');
const envFile = parseEnvFile(envExample);
const SERVERS = ['api', 'worker', 'gateway'] as const satisfies readonly ConfigService[];
const SCHEMAS = { api: apiConfigSchema, worker: workerConfigSchema, gateway: gatewayConfigSchema };

/** The fleetpush services of the compose file: those built from the repository's image. */
const fleetpushServices = Object.keys(services).filter((name) => 'build' in service(name));

/** The entrypoint argument a compose service runs (`api`, `worker`, `sim`, …). */
function selectedService(name: string): string | undefined {
  const entrypoint = words(service(name).entrypoint);
  const viaShell = entrypoint.indexOf('fleetpush-entrypoint');
  if (viaShell >= 0) return entrypoint[viaShell + 1];
  return words(service(name).command)[0];
}

/** What a service sees: .env (from .env.example) overridden by its `environment`. */
function environmentOf(name: string): Map<string, string> {
  const env = new Map(envFile);
  const own = service(name).environment;
  if (own !== undefined) {
    for (const [key, value] of Object.entries(asRecord(own, `${name}.environment`))) {
      env.set(key, String(value ?? ''));
    }
  }
  return env;
}

describe('deployment variable names', () => {
  it.each([
    'docker-compose.yml',
    '.env.example',
    'deploy/docker/Dockerfile',
    'deploy/docker/entrypoint.sh',
    'deploy/docker/healthcheck.cjs',
  ])('%s names only variables fleetpush reads', (file) => {
    expect(unknownVariableNames(readText(file))).toEqual([]);
  });

  it('catches a misspelt variable', () => {
    expect(unknownVariableNames('FLEETPUSH_REDIS_URLL=x FLEETPUSH_PORT=1')).toEqual([
      'FLEETPUSH_REDIS_URLL',
    ]);
  });
});

describe('.env.example', () => {
  it.each(CONFIG_VARIABLES.map((v) => [v.name, v] as const))(
    'lists %s with its description and default',
    (name, variable) => {
      expect(envFile.has(name)).toBe(true);
      const block = envExample.slice(0, envExample.indexOf(`\n${name}=`));
      const comment = block.slice(block.lastIndexOf(`# ${name}:`));
      expect(comment).toContain(variable.description);
      expect(comment).toContain(`Default: ${variable.defaultDescription}.`);
    },
  );

  it('commits no secret value, and says how to generate each', () => {
    for (const variable of CONFIG_VARIABLES.filter((v) => v.secret)) {
      expect(envFile.get(variable.name)).toBe('');
    }
    expect(envExample.match(/openssl rand -hex 32/g)?.length).toBeGreaterThanOrEqual(2);
  });
});

describe('docker-compose.yml', () => {
  it('runs api, worker and gateway from the image, configured by .env', () => {
    for (const name of SERVERS) {
      expect(selectedService(name)).toBe(name);
      expect(service(name).env_file).toBe('.env');
    }
  });

  it.each(fleetpushServices)(
    '%s runs a service the entrypoint knows, built from source',
    (name) => {
      const main = entrypointServices().get(selectedService(name) ?? '');
      expect(main).toBeDefined();
      expect(existsSync(path.join(ROOT, sourceOf(main ?? '')))).toBe(true);
    },
  );

  it.each(SERVERS)('%s gets every variable it reads, valid once the secrets are filled', (name) => {
    const env = environmentOf(name);
    // A variable without a default must be in .env; the secrets are there, to be filled.
    const missing = SERVICE_VARIABLES[name]
      .filter((v) => v.default === undefined && !env.has(v.name))
      .map((v) => v.name);
    expect(missing).toEqual([]);
    const filled = Object.fromEntries(env);
    for (const secret of CONFIG_VARIABLES.filter((v) => v.secret)) {
      filled[secret.name] = 'ab'.repeat(32);
    }
    expect(() => loadConfig(SCHEMAS[name], filled)).not.toThrow();
  });

  it('keeps Redis durable: AOF fsync every second, a healthcheck, a volume', () => {
    const redis = service('redis');
    const command = words(redis.command).join(' ');
    expect(command).toContain('--appendonly yes');
    expect(command).toContain('--appendfsync everysec');
    expect(words(asRecord(redis.healthcheck, 'redis.healthcheck').test)).toContain('ping');
    const volumes = words(redis.volumes);
    expect(volumes.some((v) => v.endsWith(':/data'))).toBe(true);
    expect(Object.keys(asRecord(compose.volumes, 'volumes'))).toContain(volumes[0]?.split(':')[0]);
  });

  it('runs at least two workers that outlive their drain', () => {
    const worker = service('worker');
    expect(asRecord(worker.deploy, 'worker.deploy').replicas).toBeGreaterThanOrEqual(2);
    expect(worker.container_name).toBeUndefined(); // a fixed name would break --scale
    const filled = {
      ...Object.fromEntries(environmentOf('worker')),
      FLEETPUSH_SECRET_KEY: 'ab'.repeat(32),
    };
    const { drainTimeoutMs } = loadConfig(workerConfigSchema, filled);
    const graceSeconds = Number(/^(\d+)s$/.exec(String(worker.stop_grace_period))?.[1]);
    expect(graceSeconds * 1_000).toBeGreaterThan(drainTimeoutMs);
  });

  it('exposes the worker probes and /metrics on the port the worker serves them', () => {
    const { workerHttpPort } = loadConfig(workerConfigSchema, {
      ...Object.fromEntries(environmentOf('worker')),
      FLEETPUSH_SECRET_KEY: 'ab'.repeat(32),
    });
    const exposed = words(service('worker').expose).map((p) =>
      p.replace(
        /\$\{FLEETPUSH_WORKER_HTTP_PORT:-(\d+)\}/,
        (_m, fallback: string) =>
          environmentOf('worker').get('FLEETPUSH_WORKER_HTTP_PORT') ?? fallback,
      ),
    );
    expect(exposed).toEqual([String(workerHttpPort)]);
  });

  it.each(SERVERS)('%s is probed by a health check that knows it', (name) => {
    const test = words(asRecord(service(name).healthcheck, `${name}.healthcheck`).test);
    expect(test.slice(-3)).toEqual(['fleetpush-entrypoint', 'healthcheck', name]);
    expect(readText('deploy/docker/healthcheck.cjs')).toContain(`case '${name}':`);
  });

  it('checks readiness (/readyz) on the port each service is configured with', () => {
    const script = readText('deploy/docker/healthcheck.cjs');
    expect(script).toContain('/readyz');
    expect(script).toMatch(/apiConfigSchema[^\n]*\)\.port\)/);
    expect(script).toMatch(/gatewayConfigSchema[^\n]*\)\.gatewayPort\)/);
    expect(script).toMatch(/return ready\(workerHttpPort\)/);
  });

  it('imports the simulated inventory under the demo profile', () => {
    expect(service('sim').profiles).toEqual(['demo']);
    const importer = service('demo-import');
    expect(importer.profiles).toEqual(['demo']);
    expect(words(importer.entrypoint).join(' ')).toContain('/api/v1/devices/import');
  });

  const dockerCompose = spawnSync('sh', ['-c', 'command -v docker-compose']).status === 0;
  (dockerCompose ? it : it.skip)('passes `docker-compose config`', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fleetpush-compose-'));
    try {
      copyFileSync(path.join(ROOT, 'docker-compose.yml'), path.join(dir, 'docker-compose.yml'));
      copyFileSync(path.join(ROOT, '.env.example'), path.join(dir, '.env'));
      execFileSync('docker-compose', ['--profile', 'demo', 'config', '--quiet'], { cwd: dir });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('deploy/docker', () => {
  const dockerfile = readText('deploy/docker/Dockerfile');

  it('builds on node 20 with ssh2 build tools, and runs as a non-root user', () => {
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:20-bookworm-slim$/m);
    expect(dockerfile).toMatch(/apt-get install .*python3 make g\+\+/);
    expect(dockerfile).toMatch(/npm ci[\s\S]*npm run build[\s\S]*npm prune --omit=dev/);
    const stages = dockerfile.split(/^FROM /m);
    expect(stages.length).toBe(3);
    expect(stages[2]).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^ENTRYPOINT \["fleetpush-entrypoint"\]$/m);
  });

  it('knows every service of the compose file, and each source exists', () => {
    const known = entrypointServices();
    expect([...known.keys()].sort()).toEqual(['api', 'gateway', 'sim', 'worker']);
    for (const main of known.values())
      expect(existsSync(path.join(ROOT, sourceOf(main)))).toBe(true);
  });
});
