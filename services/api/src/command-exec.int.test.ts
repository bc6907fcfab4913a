import type { AddressInfo } from 'node:net';
import { startFleet, type SimFleet } from '@fleetpush/device-sim';
import { installLeakCheck, waitUntil } from '@fleetpush/testing';
import { FleetLimits } from '@fleetpush/store';
import type { ApiDeps } from './api-deps';
import { withApi, type ApiHarness } from './__fixtures__/api-harness';

installLeakCheck();

async function withFleet(
  fn: (h: ApiHarness, fleet: SimFleet) => Promise<void>,
  overrides?: (base: ApiDeps) => Partial<ApiDeps>,
): Promise<void> {
  const fleet = await startFleet({
    devices: [
      { platform: 'cisco_ios', hostname: 'core1', enableSecret: 'enable-honey-7' },
      { platform: 'juniper_junos', hostname: 'edge1' },
      { platform: 'cisco_ios', hostname: 'locked', faults: { authFailures: Infinity } },
      { platform: 'cisco_ios', hostname: 'stuck', faults: { hangOnCommand: 'show clock' } },
    ],
  });
  try {
    await withApi(async (h) => {
      const imported = await h
        .http()
        .post('/api/v1/devices/import')
        .set('Authorization', h.auth('operator'))
        .set('Content-Type', 'text/csv')
        .send(fleet.toCsv());
      expect(imported.status).toBe(200);
      await fn(h, fleet);
    }, overrides);
  } finally {
    await fleet.close();
  }
}

function exec(h: ApiHarness, body: object) {
  return h.http().post('/api/v1/commands/exec').set('Authorization', h.auth('operator')).send(body);
}

async function auditOutcomes(h: ApiHarness): Promise<[string, unknown][]> {
  const res = await h
    .http()
    .get('/api/v1/audit?action=commands:executed')
    .set('Authorization', h.auth('admin'));
  return res.body.items.map((e: { target: string; details: { outcome: unknown } }) => [
    e.target,
    e.details.outcome,
  ]);
}

describe('POST /commands/exec (real SSH to the device simulator)', () => {
  it('runs read-only commands and frames each output; changes nothing; audits; never shows a secret', async () => {
    await withFleet(async (h, fleet) => {
      const ios = fleet.device(0);
      const res = await exec(h, {
        device: ios.key,
        commands: ['sh ver', '  show   running-config | include hostname '],
      });
      expect([res.status, res.body.error]).toEqual([200, undefined]);
      expect(res.body).toMatchObject({ device: ios.key, platform: 'cisco_ios' });
      const outputs = res.body.outputs as {
        command: string;
        output: string;
        duration_ms: number;
      }[];
      expect(outputs.map((o) => o.command)).toEqual([
        'sh ver',
        'show running-config | include hostname',
      ]);
      expect(outputs[0]!.output).toContain('Cisco IOS Software');
      expect(outputs[1]!.output).toContain('hostname core1');
      expect(outputs.every((o) => typeof o.duration_ms === 'number' && o.duration_ms >= 0)).toBe(
        true,
      );
      expect(ios.ledger.entries()).toEqual([]);
      for (const secret of [ios.password, 'enable-honey-7']) expect(res.text).not.toContain(secret);
      const junos = await exec(h, {
        device: fleet.device(1).key,
        commands: ['show version', 'show configuration | display set | match host-name'],
      });
      expect(junos.status).toBe(200);
      expect(junos.body.outputs[0].output).toContain('Junos');
      expect(await auditOutcomes(h)).toEqual([
        [fleet.device(1).key, 'ok'],
        [ios.key, 'ok'],
      ]);
    });
  });

  it("logs in with a device's credential profile", async () => {
    await withFleet(async (h, fleet) => {
      const edge = fleet.device(1);
      const profile = await h
        .http()
        .post('/api/v1/credentials')
        .set('Authorization', h.auth('admin'))
        .send({ name: 'edge-ro', username: edge.username, password: edge.password });
      expect(profile.status).toBe(201);
      const imported = await h
        .http()
        .post('/api/v1/devices/import?mode=merge')
        .set('Authorization', h.auth('operator'))
        .set('Content-Type', 'text/csv')
        .send(
          `host,port,device_type,credential\n${edge.host},${edge.port},juniper_junos,edge-ro\n`,
        );
      expect(imported.status).toBe(200);
      const res = await exec(h, { device: edge.key, commands: ['show version'] });
      expect([res.status, res.body.error]).toEqual([200, undefined]);
      expect(res.body.outputs[0].output).toContain('edge1');
    });
  });

  it('waits for a fleet-wide session slot, like the workers', async () => {
    await withFleet(
      async (h, fleet) => {
        const limits = h.deps.fleetLimits!;
        const worker = 'worker-x|the only slot';
        expect((await limits.admit(worker)).admitted).toBe(true);
        const ios = fleet.device(0);
        const answer = exec(h, { device: ios.key, commands: ['show clock'] }).then((r) => r);
        await new Promise((resolve) => setTimeout(resolve, 500)); // the exec is now waiting
        const releasedAt = Date.now();
        await limits.releaseSession(worker);
        expect((await answer).status).toBe(200);
        const [session] = [...ios.sessions()];
        expect(session!.openedAt).toBeGreaterThanOrEqual(releasedAt);
      },
      (base) => ({
        fleetLimits: new FleetLimits(base.redis, base.keys.prefix, {
          maxSessions: 1,
          loginsPerSecond: 1000,
        }),
      }),
    );
  });

  it('refuses a command off the allow-list with 400 naming it and its index, and opens no session', async () => {
    await withFleet(async (h, fleet) => {
      const ios = fleet.device(0);
      const res = await exec(h, {
        device: ios.key,
        commands: ['show version', 'conf t', 'show run | redirect flash:x', 'reload'],
      });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual([
        'commands[1]',
        'commands[2]',
        'commands[3]',
      ]);
      expect(res.body.error.details[0].message).toContain('conf t');
      expect(ios.sessions()).toEqual([]);
      const junos = await exec(h, {
        device: fleet.device(1).key,
        commands: ['request system reboot'],
      });
      expect(junos.status).toBe(400);
      expect(fleet.device(1).sessions()).toEqual([]);
      expect(await auditOutcomes(h)).toEqual([]);
    });
  });

  it('answers 404 for a device not in the inventory and 400 naming the field for a bad body', async () => {
    await withFleet(async (h) => {
      expect((await exec(h, { device: '10.99.0.1:22', commands: ['show version'] })).status).toBe(
        404,
      );
      for (const [body, path] of [
        [{ device: 'not a key', commands: ['show version'] }, 'device'],
        [{ device: '127.0.0.1:22', commands: [] }, 'commands'],
        [{ device: '127.0.0.1:22', commands: ['show ver\nreload'] }, 'commands[0]'],
        [{ device: '127.0.0.1:22', commands: ['show ver'], timeout_ms: 10 }, 'timeout_ms'],
        [{ device: '127.0.0.1:22', commands: ['show ver'], as: 'root' }, '(body)'],
      ] as const) {
        const res = await exec(h, body);
        expect([path, res.status]).toEqual([path, 400]);
        expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
      }
    });
  });

  it('answers 502 device_error naming the SSH failure (login refused, command timeout), audited', async () => {
    await withFleet(async (h, fleet) => {
      const locked = await exec(h, { device: fleet.device(2).key, commands: ['show version'] });
      expect(locked.status).toBe(502);
      expect(locked.body.error).toMatchObject({
        code: 'device_error',
        details: [{ path: 'device', message: 'auth_failed' }],
      });
      expect(locked.text).not.toContain(fleet.device(2).password);
      const stuck = await exec(h, {
        device: fleet.device(3).key,
        commands: ['show clock'],
        timeout_ms: 1000,
      });
      expect(stuck.status).toBe(502);
      expect(stuck.body.error.details).toEqual([{ path: 'device', message: 'command_timeout' }]);
      expect(await auditOutcomes(h)).toEqual([
        [fleet.device(3).key, 'command_timeout'],
        [fleet.device(2).key, 'auth_failed'],
      ]);
      await waitForClosed(fleet);
    });
  });
});

describe('a client that goes away', () => {
  it('aborts the device session at once (the command would hang for a minute)', async () => {
    await withFleet(async (h, fleet) => {
      const stuck = fleet.device(3);
      const server = h.app.listen(0, '127.0.0.1');
      await new Promise((resolve) => server.once('listening', resolve));
      const { port } = server.address() as AddressInfo;
      const controller = new AbortController();
      try {
        const pending = fetch(`http://127.0.0.1:${port}/api/v1/commands/exec`, {
          method: 'POST',
          headers: { authorization: h.auth('operator'), 'content-type': 'application/json' },
          body: JSON.stringify({ device: stuck.key, commands: ['show clock'], timeout_ms: 60_000 }),
          signal: controller.signal,
        }).catch((error: unknown) => error);
        await waitUntil(() => stuck.activeSessions() === 1);
        controller.abort();
        expect(await pending).toMatchObject({ name: 'AbortError' });
        // Well before the 60 s command deadline (waitUntil gives up after 10 s).
        await waitUntil(() => stuck.activeSessions() === 0);
        await waitUntil(async () => (await auditOutcomes(h))[0]?.[1] === 'aborted');
      } finally {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    });
  });
});

/** Sessions end when the route closes them (the leak check would notice a socket left open). */
async function waitForClosed(fleet: SimFleet): Promise<void> {
  await waitUntil(() => fleet.devices.every((d) => d.activeSessions() === 0));
}
