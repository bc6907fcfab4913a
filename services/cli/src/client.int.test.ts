import {
  ClientErrorCode,
  FleetpushApiError,
  FleetpushClient,
  FleetpushClientError,
} from '@fleetpush/client';
import type { FleetEvent } from '@fleetpush/contracts';
import { startFleet, type SimFleet } from '@fleetpush/device-sim';
import { deleteKeysWithPrefix, waitUntil } from '@fleetpush/testing';
import { Redis } from 'ioredis';
import { startServiceStack, type ServiceStack } from './__fixtures__/service-stack';

// The typed client against a real API, worker and gateway (child processes) on real Redis and a
// simulated fleet over real SSH.

const NTP = 'ntp server 10.0.0.1';
const VERIFY = ['show running-config | include ntp'];

let stack: ServiceStack;
let fleet: SimFleet;
let client: FleetpushClient;

beforeAll(async () => {
  [stack, fleet] = await Promise.all([startServiceStack(), startFleet({ devices: 4 })]);
  client = new FleetpushClient({
    baseUrl: stack.apiUrl,
    token: stack.adminToken,
    gatewayUrl: stack.gatewayUrl,
  });
  await client.devices.import(fleet.toCsv());
}, 90_000);

afterAll(async () => {
  await Promise.all([stack?.close(), fleet?.close()]);
  if (stack) {
    const redis = new Redis(stack.redisUrl);
    await deleteKeysWithPrefix(redis, stack.prefix);
    await redis.quit();
  }
});

function keys(): string[] {
  return fleet.devices.map((d) => d.key);
}

describe('FleetpushClient REST', () => {
  it('lists, reads and exports the imported inventory, never with a secret', async () => {
    const page = await client.devices.list({ limit: 10 });
    expect(page.total).toBe(4);
    expect(page.items.map((d) => d.key).sort()).toEqual([...keys()].sort());
    const one = await client.devices.get(keys()[0] ?? '');
    expect(one.has_password).toBe(true);
    expect(JSON.stringify(one)).not.toContain(fleet.devices[0]?.password ?? 'unset');
    const csv = await client.devices.exportCsv();
    expect(csv.split('\n')[0]).toContain('host');
    expect(csv).toContain(fleet.devices[1]?.host ?? 'unset');
  });

  it('turns API errors into FleetpushApiError with status, code and field details', async () => {
    const missing = await client.devices.get('192.0.2.1:22').catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(FleetpushApiError);
    expect(missing).toMatchObject({ status: 404, code: 'not_found' });
    const bad = await client.jobs
      .submit({ name: 'bad', commands: [], targets: ['all'] })
      .catch((e: unknown) => e);
    expect(bad).toMatchObject({ status: 400, code: 'validation_failed' });
    expect((bad as FleetpushApiError).details.map((d) => d.path)).toContain('commands');
    const rejected = await client.devices
      .import('host,port,device_type\n10.0.0.1,99999,cisco_ios\n')
      .catch((e: unknown) => e);
    expect(rejected).toMatchObject({ status: 400, code: 'import_rejected' });
    expect((await client.devices.list()).total).toBe(4);
  });

  it('refuses a viewer token for an operator route with a 403', async () => {
    const issued = await client.tokens.create({ name: 'watcher', role: 'viewer' });
    const viewer = new FleetpushClient({ baseUrl: stack.apiUrl, token: issued.token });
    expect((await viewer.devices.list()).total).toBe(4);
    await expect(
      viewer.jobs.submit({ name: 'x', commands: [NTP], targets: ['all'] }),
    ).rejects.toMatchObject({
      status: 403,
      code: 'forbidden',
    });
    expect((await client.tokens.list()).map((t) => t.name)).toContain('watcher');
    await client.tokens.revoke(issued.id);
    await expect(viewer.devices.list()).rejects.toMatchObject({ status: 401 });
  });

  it('stores credential profiles and shows only whether a secret is set', async () => {
    const view = await client.credentials.create({
      name: 'lab',
      username: 'netops',
      password: 'marker-secret-5b1f',
    });
    expect(view).toMatchObject({ name: 'lab', has_password: true, has_private_key: false });
    const listed = await client.credentials.list();
    expect(JSON.stringify(listed)).not.toContain('marker-secret-5b1f');
    await expect(
      client.credentials.create({ name: 'lab', username: 'x', password: 'y' }),
    ).rejects.toMatchObject({
      status: 409,
    });
    await client.credentials.delete('lab');
    await expect(client.credentials.get('lab')).rejects.toMatchObject({ status: 404 });
  });

  it('says "network" when nothing answers at the base URL', async () => {
    const nowhere = new FleetpushClient({ baseUrl: 'http://127.0.0.1:9', token: 'x' });
    const error = await nowhere.devices.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FleetpushClientError);
    expect((error as FleetpushClientError).code).toBe(ClientErrorCode.network);
  });
});

describe('FleetpushClient jobs', () => {
  it('submits idempotently and awaits the result over the gateway, seeing every event once', async () => {
    const submission = {
      name: 'ntp via client',
      commands: [NTP],
      verify_commands: VERIFY,
      targets: ['all'],
      canary: keys()[0],
    };
    const first = await client.jobs.submit(submission, { idempotencyKey: 'client-it-1' });
    const again = await client.jobs.submit(submission, { idempotencyKey: 'client-it-1' });
    expect(again.job.id).toBe(first.job.id);
    expect(again.replayed).toBe(true);
    const seen: FleetEvent[] = [];
    const done = await client.awaitJob(first.job.id, {
      timeoutMs: 45_000,
      onEvent: (e) => seen.push(e),
    });
    expect(done.job.status).toBe('completed');
    expect(done.result.devices.map((d) => d.state)).toEqual([
      'succeeded',
      'succeeded',
      'succeeded',
      'succeeded',
    ]);
    expect(seen.map((e) => e.seq)).toEqual(seen.map((_, i) => i + 1));
    expect(seen.at(-1)?.type).toBe('job:finished');
    const device = await client.jobs.device(first.job.id, keys()[1] ?? '');
    expect(device.result?.diff?.status).toBe('changed');
    const listed = await client.jobs.list({ limit: 5 });
    expect(listed.items.map((j) => j.id)).toContain(first.job.id);
  });

  it('awaits by polling the REST API when no gateway URL is given, and controls the job', async () => {
    const polling = new FleetpushClient({ baseUrl: stack.apiUrl, token: stack.adminToken });
    const { job } = await polling.jobs.submit({
      name: 'held after canary',
      commands: ['logging host 10.9.9.9'],
      verify_commands: VERIFY,
      targets: ['all'],
      pause_after_canary: true,
    });
    await waitUntil(async () => (await polling.jobs.get(job.id)).status === 'paused', {
      timeoutMs: 30_000,
      description: 'the job pauses after its canary',
    });
    const resumed = await polling.jobs.resume(job.id, 'canary looks fine');
    expect(resumed).toMatchObject({ action: 'resume', changed: true });
    const done = await polling.awaitJob(job.id, { timeoutMs: 45_000, pollMs: 100 });
    expect(done.job.status).toBe('completed');
    expect(done.result.devices.every((d) => d.result?.state === 'succeeded')).toBe(true);
    await expect(polling.jobs.cancel(job.id)).rejects.toMatchObject({
      status: 409,
      code: 'invalid_state',
    });
  });

  it('undoes a job once per idempotency key, and refuses to rerun one with nothing failed', async () => {
    const { job } = await client.jobs.submit({
      name: 'snmp with a rollback',
      commands: ['snmp-server contact noc'],
      rollback_commands: ['no snmp-server contact noc'],
      verify_commands: ['show running-config | include snmp-server contact'],
      targets: ['all'],
    });
    expect((await client.awaitJob(job.id, { timeoutMs: 45_000 })).job.status).toBe('completed');
    await expect(client.jobs.rerun(job.id)).rejects.toMatchObject({
      status: 409,
      code: 'invalid_state',
    });
    const undo = await client.jobs.undo(job.id, {}, { idempotencyKey: 'undo-snmp-1' });
    const again = await client.jobs.undo(job.id, {}, { idempotencyKey: 'undo-snmp-1' });
    expect([again.job.id, again.replayed, again.undo_of]).toEqual([undo.job.id, true, job.id]);
    const done = await client.awaitJob(undo.job.id, { timeoutMs: 45_000 });
    expect(done.job.status).toBe('completed');
    for (const d of done.result.devices)
      expect(d.result?.diff).toMatchObject({
        status: 'changed',
        body: expect.stringContaining('-snmp-server contact noc'),
      });
  });

  it('replays a watch from a given sequence number only', async () => {
    const { items } = await client.jobs.list({ limit: 1 });
    const jobId = items[0]?.id ?? '';
    const all = (await client.jobs.events(jobId)).events;
    const seen: number[] = [];
    const watch = client.watchJob(jobId, { since: 3, onEvent: (e) => seen.push(e.seq) });
    try {
      await waitUntil(() => seen.length === all.length - 3, { description: 'the replay' });
      expect(seen).toEqual(all.slice(3).map((e) => e.seq));
      expect(watch.lastSeq).toBe(all.at(-1)?.seq);
    } finally {
      watch.close();
    }
  });

  it('resumes a watch from the last sequence after the gateway restarts: no gap, no duplicate', async () => {
    const { job } = await client.jobs.submit({
      name: 'watched across a gateway restart',
      commands: ['logging host 10.8.8.8'],
      verify_commands: VERIFY,
      targets: ['all'],
      pause_after_canary: true,
    });
    const seen: FleetEvent[] = [];
    const watch = client.watchJob(job.id, { onEvent: (e) => seen.push(e) });
    try {
      await waitUntil(() => seen.some((e) => e.type === 'job:status' && e.to === 'paused'), {
        timeoutMs: 30_000,
        description: 'the watch sees the hold after the canary',
      });
      const beforeOutage = seen.length;
      await stack.killGateway();
      await client.jobs.resume(job.id);
      await waitUntil(async () => (await client.jobs.get(job.id)).status === 'completed', {
        timeoutMs: 30_000,
        description: 'the job completes while the gateway is down',
      });
      expect(seen).toHaveLength(beforeOutage);
      await stack.startGateway();
      await waitUntil(() => seen.at(-1)?.type === 'job:finished', {
        timeoutMs: 30_000,
        description: 'the watch catches up after the gateway is back',
      });
      const stored = (await client.jobs.events(job.id)).events;
      expect(seen.map((e) => e.seq)).toEqual(stored.map((e) => e.seq));
      expect(seen.length).toBeGreaterThan(beforeOutage);
    } finally {
      watch.close();
    }
  });

  it('still resolves awaitJob when the gateway cannot be reached (it reads the status too)', async () => {
    const cut = new FleetpushClient({
      baseUrl: stack.apiUrl,
      token: stack.adminToken,
      gatewayUrl: 'http://127.0.0.1:9',
    });
    const { items } = await cut.jobs.list({ limit: 1 });
    const jobId = items[0]?.id ?? '';
    const events: FleetEvent[] = [];
    const done = await cut.awaitJob(jobId, { timeoutMs: 20_000, onEvent: (e) => events.push(e) });
    expect(done.job.status).toBe('completed');
    expect(events).toEqual([]);
  }, 30_000);

  it('reports a refused gateway connection instead of waiting forever', async () => {
    const stranger = new FleetpushClient({
      baseUrl: stack.apiUrl,
      token: 'not-a-token',
      gatewayUrl: stack.gatewayUrl,
    });
    const errors: FleetpushClientError[] = [];
    const watch = stranger.watchJob('any', { onEvent: () => {}, onError: (e) => errors.push(e) });
    try {
      await waitUntil(() => errors.length > 0, { description: 'the refusal' });
      expect(errors[0]?.code).toBe(ClientErrorCode.watchRefused);
      expect(errors[0]?.message).toMatch(/unauthorized/);
    } finally {
      watch.close();
    }
  });
});
