import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { FleetpushApiError, FleetpushClient } from '@fleetpush/client';
import { startFleet, type SimFleet } from '@fleetpush/device-sim';
import { deleteKeysWithPrefix, freePort, waitUntil } from '@fleetpush/testing';
import { Redis } from 'ioredis';
import { runCliProcess } from './__fixtures__/cli-process';
import { startServiceStack, type ServiceStack } from './__fixtures__/service-stack';

// The client's later routes (presets, preview, held jobs and /run, active jobs, exec, audit,
// validate=connect imports) against a real API, worker and gateway on real Redis and SSH.

const VERIFY = ['show running-config | include ntp'];
/** How the API names the configured admin token as an actor. */
const ADMIN_ACTOR = 'FLEETPUSH_ADMIN_TOKEN (bootstrap-admin)';

let stack: ServiceStack;
/** Two healthy IOS devices: the inventory every job here targets. */
let fleet: SimFleet;
/** A device that refuses every login. */
let locked: SimFleet;
let client: FleetpushClient;

beforeAll(async () => {
  [stack, fleet, locked] = await Promise.all([
    startServiceStack(),
    startFleet({
      devices: [{ platform: 'cisco_ios', hostname: 'core1' }, { platform: 'cisco_ios' }],
    }),
    startFleet({ devices: [{ platform: 'cisco_ios', faults: { authFailures: Infinity } }] }),
  ]);
  client = new FleetpushClient({ baseUrl: stack.apiUrl, token: stack.adminToken });
  await client.devices.import(fleet.toCsv());
}, 90_000);

afterAll(async () => {
  await Promise.all([stack?.close(), fleet?.close(), locked?.close()]);
  if (stack) {
    const redis = new Redis(stack.redisUrl);
    await deleteKeysWithPrefix(redis, stack.prefix);
    await redis.quit();
  }
});

function key(index: number): string {
  return fleet.device(index).key;
}

/** `text` as a literal in a regular expression (device keys hold dots). */
function escaped(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** What a rejected promise rejected with. */
function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => new Error('expected a rejection'),
    (error: unknown) => error,
  );
}

/** The locked device's CSV plus a row on a port nothing listens on, in the same columns. */
async function lockedAndClosedCsv(): Promise<{ csv: string; closedKey: string }> {
  const closed = await freePort();
  const csv = locked.toCsv().trimEnd();
  const header = (csv.split('\n')[0] ?? '').split(',');
  const cells: Record<string, string> = {
    host: '127.0.0.1',
    port: String(closed),
    device_type: 'cisco_ios',
    username: 'netops',
    password: 'pw',
    name: 'closed',
    prod: 'false',
  };
  const row = header.map((column) => cells[column] ?? '').join(',');
  return { csv: `${csv}\n${row}\n`, closedKey: `127.0.0.1:${closed}` };
}

describe('devices.import with validate: connect', () => {
  it('stores every row and reports each login; a rejected row stores and checks nothing', async () => {
    const { csv, closedKey } = await lockedAndClosedCsv();
    const lockedKey = locked.device(0).key;
    const result = await client.devices.import(csv, { mode: 'merge', validate: 'connect' });
    expect(result).toMatchObject({ mode: 'merge', imported: 2, created: 2, rejected: [] });
    expect(result.connection).toEqual({
      checked: 2,
      reachable: 1,
      login_ok: 0,
      devices: [
        { key: lockedKey, reachable: true, login: false, error_code: 'auth_failed' },
        { key: closedKey, reachable: false, login: false, error_code: 'connection_refused' },
      ],
    });
    expect(JSON.stringify(result)).not.toContain(locked.device(0).password);
    expect((await client.devices.list()).total).toBe(4);
    const bad = await failure(
      client.devices.import('host,port,device_type\n10.0.0.9,99999,cisco_ios\n', {
        mode: 'merge',
        validate: 'connect',
      }),
    );
    expect(bad).toMatchObject({ status: 400, code: 'import_rejected' });
    await Promise.all([client.devices.delete(lockedKey), client.devices.delete(closedKey)]);
    expect((await client.devices.list()).items.map((d) => d.key).sort()).toEqual(
      [key(0), key(1)].sort(),
    );
  });
});

describe('fleetpush devices import --validate', () => {
  it('sends validate=connect and prints the check: a summary and each device that did not log in', async () => {
    const { csv, closedKey } = await lockedAndClosedCsv();
    const lockedKey = locked.device(0).key;
    const dir = await mkdtemp(path.join(tmpdir(), 'fleetpush-validate-'));
    try {
      await writeFile(path.join(dir, 'more.csv'), csv);
      const env = {
        PATH: process.env.PATH,
        FLEETPUSH_URL: stack.apiUrl,
        FLEETPUSH_TOKEN: stack.adminToken,
      };
      const run = await runCliProcess(
        ['devices', 'import', 'more.csv', '--merge', '--validate'],
        env,
        dir,
      );
      expect([run.code, run.stderr]).toEqual([0, '']);
      expect(run.stdout).toContain('imported 2 of 2 devices (merge: 2 created, 0 updated)');
      expect(run.stdout).toContain('connection check: 2 checked, 1 reachable, 0 logged in');
      expect(run.stdout).toMatch(new RegExp(`${escaped(lockedKey)}\\s+reachable\\s+auth_failed`));
      expect(run.stdout).toMatch(
        new RegExp(`${escaped(closedKey)}\\s+unreachable\\s+connection_refused`),
      );
      expect(run.stdout).not.toContain(locked.device(0).password);

      // devices list --reachability filters by that check and shows it in a CHECK column
      const list = (state: string) =>
        runCliProcess(['devices', 'list', '--reachability', state], env, dir);
      const refused = await list('login_failed');
      expect(refused.code).toBe(0);
      expect(refused.stdout).toMatch(new RegExp(`${escaped(lockedKey)}\\s.*login_failed`));
      expect(refused.stdout).not.toContain(closedKey);
      const closed = await list('unreachable');
      expect(closed.stdout).toMatch(new RegExp(`${escaped(closedKey)}\\s.*unreachable`));
      expect(closed.stdout).not.toContain(lockedKey);
      const unchecked = await list('unchecked');
      expect(unchecked.code).toBe(0);
      for (const checked of [lockedKey, closedKey]) expect(unchecked.stdout).not.toContain(checked);
      const bad = await list('sometimes');
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('--reachability must be one of');
    } finally {
      await rm(dir, { recursive: true, force: true });
      // Settled, not all: a failed import must surface its own assertion, not a cleanup 404.
      await Promise.allSettled([
        client.devices.delete(lockedKey),
        client.devices.delete(closedKey),
      ]);
    }
    expect((await client.devices.list()).total).toBe(2);
  }, 60_000);
});

describe('presets', () => {
  it('creates, filters by OS model, reads, replaces and deletes; 409 on a taken name', async () => {
    const ios = await client.presets.create({
      name: 'NTP baseline',
      os_model: 'cisco_ios',
      commands: ['ntp server {{ntp_server}}'],
      verify_commands: VERIFY,
      settings: { strategy: { waves: [1, '100%'], concurrency: 5, max_failures: 0 } },
    });
    expect(ios).toMatchObject({
      name: 'NTP baseline',
      os_model: 'cisco_ios',
      updated_by: ADMIN_ACTOR,
    });
    const junos = await client.presets.create({
      name: 'NTP baseline',
      os_model: 'juniper_junos',
      commands: ['set system ntp server 10.1.1.1'],
    });
    expect((await client.presets.list()).map((p) => p.id).sort()).toEqual(
      [ios.id, junos.id].sort(),
    );
    expect((await client.presets.list({ os_model: 'cisco_ios' })).map((p) => p.id)).toEqual([
      ios.id,
    ]);
    const taken = await failure(
      client.presets.create({ name: 'ntp BASELINE', os_model: 'cisco_ios', commands: ['x'] }),
    );
    expect(taken).toBeInstanceOf(FleetpushApiError);
    expect(taken).toMatchObject({ status: 409, code: 'conflict' });
    const replaced = await client.presets.replace(ios.id, {
      name: 'NTP baseline v2',
      os_model: 'cisco_ios',
      commands: ['ntp server 10.2.2.2'],
    });
    expect(replaced).toMatchObject({ id: ios.id, name: 'NTP baseline v2', verify_commands: [] });
    expect((await client.presets.get(ios.id)).commands).toEqual(['ntp server 10.2.2.2']);
    await client.presets.delete(ios.id);
    await expect(client.presets.get(ios.id)).rejects.toMatchObject({
      status: 404,
      code: 'not_found',
    });
    await client.presets.delete(junos.id);
  });

  it('refuses invalid settings with the field named', async () => {
    const bad = await failure(
      client.presets.create({
        name: 'bad',
        os_model: 'cisco_ios',
        commands: ['ntp server 10.0.0.1'],
        settings: { dry_run: true, save_config: true },
      }),
    );
    expect(bad).toMatchObject({ status: 400, code: 'validation_failed' });
    expect((bad as FleetpushApiError).details.map((d) => d.path)).toContain('settings.save_config');
    expect(await client.presets.list()).toEqual([]);
  });
});

describe('jobs: preview, held submissions, run, active', () => {
  it('previews rendered commands and the plan, and names variables that do not render', async () => {
    const preview = await client.jobs.preview({
      name: 'ntp preview',
      commands: ['ntp server {{ntp_server}}'],
      targets: ['all'],
      canary: key(0),
      global_vars: { ntp_server: '10.1.1.1' },
    });
    expect(preview).toMatchObject({ ok: true, problems: [], needs_role: 'operator' });
    expect(preview.plan?.canary).toBe(key(0));
    expect(preview.devices.map((d) => [d.key, d.commands])).toEqual(
      expect.arrayContaining([
        [key(0), ['ntp server 10.1.1.1']],
        [key(1), ['ntp server 10.1.1.1']],
      ]),
    );
    const unresolved = await client.jobs.preview({
      name: 'ntp preview',
      commands: ['ntp server {{ntp_server}}'],
      targets: ['all'],
    });
    expect(unresolved.ok).toBe(false);
    expect(unresolved.devices.every((d) => d.commands === null)).toBe(true);
    expect(unresolved.devices[0]?.unresolved).toEqual(['ntp_server']);
    const bad = await failure(client.jobs.preview({ name: 'x', commands: [], targets: ['all'] }));
    expect(bad).toMatchObject({ status: 400, code: 'validation_failed' });
    expect((await client.jobs.list()).total).toBe(0);
  });

  it('holds a job submitted with start: false until run, then waits for its end (200)', async () => {
    const { job } = await client.jobs.submit(
      {
        name: 'held ntp',
        commands: ['ntp server 10.3.3.3'],
        verify_commands: VERIFY,
        targets: ['all'],
      },
      { start: false },
    );
    expect(job.status).toBe('queued');
    expect((await client.jobs.active()).items.map((j) => j.id)).toContain(job.id);
    expect((await client.jobs.get(job.id)).counts).toMatchObject({ pending: 2 });
    const outcome = await client.jobs.run(job.id, { waitSeconds: 120 });
    if (!outcome.ended) throw new Error(`the job did not end in time: ${outcome.job.status}`);
    expect(outcome.job.status).toBe('completed');
    expect(outcome.devices.map((d) => d.state)).toEqual(['succeeded', 'succeeded']);
    expect((await client.jobs.active()).items.map((j) => j.id)).not.toContain(job.id);
    const again = await failure(client.jobs.run(job.id));
    expect(again).toMatchObject({ status: 409, code: 'invalid_state' });
    // once the workers have recorded its end (at most a reconciler pass), an admin deletes it
    await waitUntil(
      () =>
        client.jobs.delete(job.id).then(
          () => true,
          (error: unknown) => {
            if ((error as FleetpushApiError).status !== 409) throw error;
            return false;
          },
        ),
      { timeoutMs: 20_000, intervalMs: 250, description: 'the finished job to be deletable' },
    );
    expect(await failure(client.jobs.get(job.id))).toMatchObject({ status: 404 });
  }, 150_000);

  it('answers a run without wait at once (202, ended: false); 404 for an unknown job', async () => {
    const { job } = await client.jobs.submit(
      { name: 'held logging', commands: ['logging host 10.4.4.4'], targets: ['all'] },
      { start: false },
    );
    const outcome = await client.jobs.run(job.id);
    expect(outcome.ended).toBe(false);
    expect(outcome.job.id).toBe(job.id);
    const done = await client.awaitJob(job.id, { timeoutMs: 60_000, pollMs: 100 });
    expect(done.job.status).toBe('completed');
    // fleetpush jobs delete: exit 0 once the workers have recorded the end, then 2 (404)
    const env = {
      PATH: process.env.PATH,
      FLEETPUSH_URL: stack.apiUrl,
      FLEETPUSH_TOKEN: stack.adminToken,
    };
    const deleteJob = () => runCliProcess(['jobs', 'delete', job.id], env, tmpdir());
    let deleted = await deleteJob();
    await waitUntil(
      async () => {
        if (deleted.code === 0) return true;
        expect(deleted.stderr).toContain('retry in a few seconds');
        deleted = await deleteJob();
        return false;
      },
      { timeoutMs: 20_000, intervalMs: 250 },
    );
    expect(deleted.stdout).toBe(`job ${job.id}: deleted\n`);
    const again = await deleteJob();
    expect([again.code, again.stderr]).toEqual([2, expect.stringContaining('not found')]);
    await expect(client.jobs.run('no-such-job')).rejects.toMatchObject({
      status: 404,
      code: 'not_found',
    });
  }, 90_000);
});

describe('commands.exec', () => {
  it('runs read-only commands on one device and frames each output', async () => {
    const answer = await client.commands.exec({
      device: key(0),
      commands: ['show version', 'sh run | include hostname'],
    });
    expect(answer).toMatchObject({ device: key(0), platform: 'cisco_ios' });
    expect(answer.outputs.map((o) => o.command)).toEqual([
      'show version',
      'sh run | include hostname',
    ]);
    expect(answer.outputs[0]?.output).toContain('Cisco IOS Software');
    expect(answer.outputs[1]?.output).toContain('hostname core1');
  });

  it('refuses a configuration command naming its index (nothing sent), and unknown devices', async () => {
    const sessionsBefore = fleet.device(1).sessions().length;
    const refused = await failure(
      client.commands.exec({ device: key(1), commands: ['show clock', 'conf t'] }),
    );
    expect(refused).toMatchObject({ status: 400, code: 'validation_failed' });
    expect((refused as FleetpushApiError).details.map((d) => d.path)).toEqual(['commands[1]']);
    expect(fleet.device(1).sessions()).toHaveLength(sessionsBefore);
    await expect(
      client.commands.exec({ device: '192.0.2.7:22', commands: ['show version'] }),
    ).rejects.toMatchObject({ status: 404, code: 'not_found' });
  });
});

describe('audit', () => {
  it('lists entries newest first with filters and a cursor; admin only', async () => {
    const execs = await client.audit.list({ action: 'commands:executed' });
    expect(execs.items.map((e) => e.target)).toEqual([key(0)]);
    expect(execs.items[0]).toMatchObject({ actor: ADMIN_ACTOR, details: { outcome: 'ok' } });
    const first = await client.audit.list({ limit: 1 });
    expect(first.next).not.toBeNull();
    const second = await client.audit.list({ limit: 1, before: first.next ?? '' });
    expect(second.items[0]?.id).not.toBe(first.items[0]?.id);
    expect(second.items[0]!.at <= first.items[0]!.at).toBe(true);
    const since = await client.audit.list({ since: new Date(Date.now() + 60_000) });
    expect(since.items).toEqual([]);
    const bad = await failure(client.audit.list({ before: 'not-a-cursor' }));
    expect(bad).toMatchObject({ status: 400, code: 'validation_failed' });
    expect((bad as FleetpushApiError).details.map((d) => d.path)).toContain('before');
    const issued = await client.tokens.create({ name: 'ops', role: 'operator' });
    const operator = new FleetpushClient({ baseUrl: stack.apiUrl, token: issued.token });
    await expect(operator.audit.list()).rejects.toMatchObject({ status: 403, code: 'forbidden' });
  });
});

describe('fleetpush tokens and credentials (admin)', () => {
  /** Runs the CLI in a scratch directory against the stack, as `token` (the admin's by default). */
  async function cli(args: string[], extraEnv: Record<string, string> = {}, files = {}) {
    const dir = await mkdtemp(path.join(tmpdir(), 'fleetpush-admin-'));
    try {
      for (const [name, text] of Object.entries(files))
        await writeFile(path.join(dir, name), text as string);
      const env = {
        PATH: process.env.PATH,
        FLEETPUSH_URL: stack.apiUrl,
        FLEETPUSH_TOKEN: stack.adminToken,
        ...extraEnv,
      };
      return await runCliProcess(args, env, dir);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  it('issues a token shown once that works at its role, lists tokens without values, revokes it', async () => {
    const created = await cli([
      'tokens',
      'create',
      '--name',
      'cli-bot',
      '--role',
      'viewer',
      '--expires',
      '30d',
    ]);
    expect(created.code).toBe(0);
    expect(created.stderr).toMatch(
      /^token "cli-bot" created: role viewer, id \S+, expires 20\d\d-/,
    );
    const token = created.stdout.trim();
    expect(token.length).toBeGreaterThanOrEqual(32);
    const id = /id (\S+),/.exec(created.stderr)?.[1] ?? '';

    const asBot = { FLEETPUSH_TOKEN: token };
    expect((await cli(['jobs', 'list'], asBot)).code).toBe(0);
    const denied = await cli(['tokens', 'list'], asBot);
    expect([denied.code, denied.stderr]).toEqual([2, expect.stringContaining('(403 forbidden)')]);

    const listed = await cli(['tokens', 'list']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(
      new RegExp(`${escaped(id)}\\s+cli-bot\\s+viewer\\s+\\S+\\s+20\\d\\d-`),
    );
    expect(listed.stdout).not.toContain(token);

    expect((await cli(['tokens', 'revoke', id])).stdout).toBe(`token ${id} revoked\n`);
    const revoked = await cli(['jobs', 'list'], asBot);
    expect([revoked.code, revoked.stderr]).toEqual([2, expect.stringContaining('401')]);
  }, 60_000);

  it('stores a profile from named variables that devices then log in with; never shows a secret', async () => {
    const device = fleet.device(0);
    // the device's own password, planted as the profile's secret: it must never be printed
    const secrets = { LAB_PASSWORD: device.password, LAB_ENABLE: 'pl4nted-enable-7f3a' };
    const create = (name: string) =>
      cli(
        [
          'credentials',
          'create',
          '--name',
          name,
          '--username',
          device.username,
          '--password-env',
          'LAB_PASSWORD',
          '--enable-secret-env',
          'LAB_ENABLE',
        ],
        secrets,
      );
    const stored = await create('lab-cli');
    expect([stored.code, stored.stdout]).toEqual([
      0,
      `credential profile "lab-cli" stored: username ${device.username}, password, enable secret\n`,
    ]);
    const keyed = await cli(
      [
        'credentials',
        'create',
        '--name',
        'lab-key',
        '--username',
        'netops',
        '--key-file',
        'id_test',
      ],
      {},
      {
        id_test:
          '-----BEGIN OPENSSH PRIVATE KEY-----\npl4nted-key-body\n-----END OPENSSH PRIVATE KEY-----\n',
      },
    );
    expect(keyed.stdout).toContain(
      'credential profile "lab-key" stored: username netops, private key\n',
    );
    const taken = await create('lab-cli');
    expect([taken.code, taken.stderr]).toEqual([2, expect.stringContaining('409')]);

    const listed = await cli(['credentials', 'list']);
    expect(listed.stdout).toMatch(
      new RegExp(`lab-cli\\s+${device.username}\\s+password\\s+yes\\s+20\\d\\d-`),
    );
    expect(listed.stdout).toMatch(/lab-key\s+netops\s+private key\s+20\d\d-/);

    // an inventory row naming the profile logs in with it
    const csv = `host,port,device_type,credential,name\n${device.host},${device.port},cisco_ios,lab-cli,by-profile\n`;
    const imported = await cli(
      ['devices', 'import', 'one.csv', '--merge', '--validate'],
      {},
      { 'one.csv': csv },
    );
    expect(imported.stdout).toContain('connection check: 1 checked, 1 reachable, 1 logged in');

    for (const run of [stored, keyed, taken, listed, imported])
      for (const secret of [...Object.values(secrets), 'pl4nted-key-body'])
        expect(run.stdout + run.stderr).not.toContain(secret);
    expect((await cli(['credentials', 'delete', 'lab-key'])).code).toBe(0);
    expect((await cli(['credentials', 'list'])).stdout).not.toContain('lab-key');
  }, 60_000);
});
