import { MetricsRegistry, startProbeServer, type ProbeServer } from '@fleetpush/runtime';
import { installLeakCheck } from '@fleetpush/testing';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { ROOT } from './deploy-files';

jest.setTimeout(60_000);
installLeakCheck();

/** The variable that tells each service's probe where the service listens. */
const PORT_VARIABLE = {
  api: 'FLEETPUSH_PORT',
  gateway: 'FLEETPUSH_GATEWAY_PORT',
  worker: 'FLEETPUSH_WORKER_HTTP_PORT',
} as const;

/** Runs `fleetpush-entrypoint healthcheck <service>` (the script itself) against a port. */
function healthcheck(service: keyof typeof PORT_VARIABLE, port: number): Promise<number> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, 'deploy/docker/healthcheck.cjs'), service],
      {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH,
          TSX_TSCONFIG_PATH: path.join(ROOT, 'tsconfig.check.json'),
          [PORT_VARIABLE[service]]: String(port),
        },
      },
      (error) => resolve(error ? Number(error.code ?? 1) : 0),
    );
  });
}

describe('deploy/docker/healthcheck.cjs', () => {
  let ready = true;
  let server: ProbeServer;

  beforeEach(async () => {
    ready = true;
    server = await startProbeServer({
      port: 0,
      host: '127.0.0.1',
      checks: { redis: () => ready },
      metrics: new MetricsRegistry({ service: 'test' }),
    });
  });
  afterEach(() => server.close());

  it.each(Object.keys(PORT_VARIABLE) as (keyof typeof PORT_VARIABLE)[])(
    '%s: healthy while /readyz on its configured port is 200, unhealthy on 503 or no answer',
    async (service) => {
      expect(await healthcheck(service, server.port)).toBe(0);
      ready = false;
      expect(await healthcheck(service, server.port)).toBe(1);
      const port = server.port;
      await server.close();
      expect(await healthcheck(service, port)).toBe(1);
    },
  );
});
