import { createServer, type AddressInfo } from 'node:net';
import { startFleet, type SimDevice, type SimFleet } from '@fleetpush/device-sim';
import { installLeakCheck } from '@fleetpush/testing';
import { simTarget } from './__test-support__/sim-target';
import { SshError } from './errors';
import { openSession } from './open-session';

installLeakCheck();

let fleet: SimFleet;
let ios: SimDevice;
let junos: SimDevice;

beforeAll(async () => {
  fleet = await startFleet({ devices: [{ platform: 'cisco_ios' }, { platform: 'juniper_junos' }] });
  [ios, junos] = fleet.devices as [SimDevice, SimDevice];
});
afterAll(async () => fleet.close());
beforeEach(() => {
  ios.setFaults({});
  junos.setFaults({});
});

async function failure(promise: Promise<unknown>): Promise<SshError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof SshError)) throw new Error(`expected an SshError, got ${String(error)}`);
  return error;
}

describe('fault knobs are classified to stable codes', () => {
  it('auth failure -> auth_failed, retryable, password not in the message', async () => {
    ios.setFaults({ authFailures: Infinity });
    const e = await failure(openSession(simTarget(ios)));
    expect(e.code).toBe('auth_failed');
    expect(e.retryable).toBe(true);
    expect(e.configMayHaveChanged).toBe(false);
    expect(e.message).not.toContain(ios.password);
  });

  it('hang -> command_timeout at the per-command deadline', async () => {
    ios.setFaults({ hangOnCommand: '^show clock$' });
    const session = await openSession(simTarget(ios), { commandTimeoutMs: 300 });
    const t0 = Date.now();
    const e = await failure(session.exec(['show clock']));
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
    expect(e.code).toBe('command_timeout');
    expect(e.retryable).toBe(true);
    // The session is finished: later calls fail the same way, at once.
    expect((await failure(session.exec(['show version']))).code).toBe('command_timeout');
    await session.close();
  });

  it('hang in the middle of config -> command_timeout, config may have changed, not retryable', async () => {
    ios.setFaults({ hangOnCommand: '^description two$' });
    const session = await openSession(simTarget(ios), { commandTimeoutMs: 300 });
    const e = await failure(
      session.configure(['interface Loopback9', 'description one', 'description two']),
    );
    expect(e.code).toBe('command_timeout');
    expect(e.configMayHaveChanged).toBe(true);
    expect(e.configLinesSent).toBe(3);
    expect(e.retryable).toBe(false);
    await session.close();
  });

  it('drop -> session_dropped; the line after the drop is never applied', async () => {
    ios.ledger.clear();
    ios.setFaults({ dropAfterCommands: 5 });
    const session = await openSession(simTarget(ios));
    const e = await failure(
      session.configure(['interface Loopback8', 'description a', 'description b']),
    );
    expect(e.code).toBe('session_dropped');
    expect(e.configMayHaveChanged).toBe(true);
    expect(ios.ledger.count('description b')).toBe(0);
    await session.close();
  });

  it('drop before any config -> session_dropped, retryable', async () => {
    ios.setFaults({ dropAfterCommands: 2 });
    const session = await openSession(simTarget(ios));
    const e = await failure(session.exec(['show clock', 'show clock', 'show clock']));
    expect(e.code).toBe('session_dropped');
    expect(e.retryable).toBe(true);
    await session.close();
  });

  it('refused port -> connection_refused', async () => {
    const port = await freePort();
    const e = await failure(openSession({ ...simTarget(ios), port }));
    expect(e.code).toBe('connection_refused');
    expect(e.retryable).toBe(true);
  });

  it('slow banner past the connect timeout -> connection_timeout, within the deadline', async () => {
    ios.setFaults({ bannerDelayMs: 2_000 });
    const t0 = Date.now();
    const e = await failure(openSession(simTarget(ios), { connectTimeoutMs: 400 }));
    expect(e.code).toBe('connection_timeout');
    expect(Date.now() - t0).toBeLessThan(1_000);
  });

  it('slow banner inside the connect timeout is waited for', async () => {
    ios.setFaults({ bannerDelayMs: 300 });
    const session = await openSession(simTarget(ios), { connectTimeoutMs: 5_000 });
    expect(session.prompt).toMatch(/^R\d+[>#]$/);
    await session.close();
  });

  it('legacy-only device -> protocol_error by default, success with the legacy profile', async () => {
    junos.setFaults({ legacyOnly: true });
    const e = await failure(openSession(simTarget(junos)));
    expect(e.code).toBe('protocol_error');
    const session = await openSession(simTarget(junos, { legacyAlgorithms: true }));
    expect(session.prompt).toMatch(/@/);
    await session.close();
  });

  it('command latency is absorbed by the per-command deadline', async () => {
    junos.setFaults({ commandLatencyMs: 100 });
    const session = await openSession(simTarget(junos), { commandTimeoutMs: 2_000 });
    const [out] = await session.exec(['show version']);
    expect(out?.output).toContain('Junos');
    await session.close();
  });

  it('an already aborted signal rejects at once with aborted', async () => {
    const e = await failure(openSession(simTarget(ios), { signal: AbortSignal.abort() }));
    expect(e.code).toBe('aborted');
    expect(e.retryable).toBe(false);
  });

  it('abort during the handshake closes the socket at once', async () => {
    ios.setFaults({ bannerDelayMs: 5_000 });
    const controller = new AbortController();
    const pending = failure(openSession(simTarget(ios), { signal: controller.signal }));
    setTimeout(() => controller.abort(), 50);
    const t0 = Date.now();
    const e = await pending;
    expect(e.code).toBe('aborted');
    expect(Date.now() - t0).toBeLessThan(200);
  });
});

/** A port nothing listens on: bind one, note it, close it. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
