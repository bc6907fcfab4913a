import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { WORKER_NODE_FLAGS } from '@fleetpush/config';
import { freePort, testRedisUrl } from '@fleetpush/testing';
import type { CliIo } from '../cli-io';
import { ensureLocalSecret, LocalSecretFile, readLocalSecret } from '../local-secrets';
import { runCli } from '../run-cli';
import { redisAnswers } from './redis-probe';
import { serviceArgs, tsxImport } from './service-process';
import { StartError } from './start-errors';

// What `fleetpush start` does before any service runs: find Redis (or say how to get it), keep
// local-mode secrets, refuse to run unbuilt services.

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'fleetpush-start-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('fleetpush start setup', () => {
  it('without Redis and without redis-server, says how to get Redis, exits 2 and writes nothing', async () => {
    let out = '';
    let err = '';
    const io: CliIo = {
      stdout: (t) => (out += t),
      stderr: (t) => (err += t),
      env: {
        PATH: path.join(dir, 'empty-bin'),
        FLEETPUSH_REDIS_URL: `redis://127.0.0.1:${await freePort()}`,
        FLEETPUSH_DATA_DIR: path.join(dir, 'data'),
      },
      cwd: dir,
      interactive: false,
    };
    expect(await runCli(['start', '--dev'], io)).toBe(2);
    expect(err).toContain('No Redis answers at FLEETPUSH_REDIS_URL');
    expect(err).toContain('apt-get install -y redis-server');
    expect(err).toContain('brew install redis');
    expect(err).toMatch(/docker run .* redis/);
    expect(out).toBe('');
    await expect(stat(path.join(dir, 'data'))).rejects.toThrow();
  });

  it('generates local secrets once, 0600 in a 0700 directory, and reuses them', async () => {
    const data = path.join(dir, 'data');
    expect(await readLocalSecret(data, LocalSecretFile.adminToken)).toBeUndefined();
    const first = await ensureLocalSecret(data, LocalSecretFile.adminToken);
    const again = await ensureLocalSecret(data, LocalSecretFile.adminToken);
    expect(first.created).toBe(true);
    expect(again).toEqual({ ...first, created: false });
    expect(first.value).toMatch(/^[0-9a-f]{64}$/);
    expect((await stat(first.path)).mode & 0o777).toBe(0o600);
    expect((await stat(data)).mode & 0o777).toBe(0o700);
    const key = await ensureLocalSecret(data, LocalSecretFile.secretKey);
    expect(key.value).not.toBe(first.value);
  });

  it('two first starts racing agree on one secret', async () => {
    const data = path.join(dir, 'data');
    const [a, b] = await Promise.all([
      ensureLocalSecret(data, LocalSecretFile.secretKey),
      ensureLocalSecret(data, LocalSecretFile.secretKey),
    ]);
    expect(a.value).toBe(b.value);
  });

  it('refuses to run services that are not built, saying to run the build', () => {
    const attempt = (): unknown => serviceArgs(dir, 'api', false);
    expect(attempt).toThrow(StartError);
    expect(attempt).toThrow('services/api/dist/main.js does not exist: run `npm run build` first');
  });

  it('starts the worker, and only the worker, with the node flags every launcher uses', () => {
    expect(serviceArgs(dir, 'worker', true)).toEqual([
      ...WORKER_NODE_FLAGS,
      '--import',
      tsxImport(dir),
      path.join(dir, 'services', 'worker', 'src', 'main.ts'),
    ]);
    expect(WORKER_NODE_FLAGS).toContain('--single-threaded-gc');
    expect(serviceArgs(dir, 'api', true)[0]).toBe('--import');
  });

  it('probes Redis: the test Redis answers, a closed port does not', async () => {
    expect(await redisAnswers(testRedisUrl())).toBe(true);
    expect(await redisAnswers(`redis://127.0.0.1:${await freePort()}`)).toBe(false);
  });
});
