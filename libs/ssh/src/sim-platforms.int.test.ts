import { startFleet, type SimDevice, type SimFleet } from '@fleetpush/device-sim';
import { PLATFORMS, type Platform } from '@fleetpush/domain';
import { installLeakCheck, waitUntil } from '@fleetpush/testing';
import { SCRIPTS, simTarget } from './__test-support__/sim-target';
import { type DeviceSession } from './device-session';
import { ConfigLineError, SshError } from './errors';
import { openSession } from './open-session';
import { type SessionOptions } from './session-options';

installLeakCheck();

let fleet: SimFleet;
const byPlatform = new Map<Platform, SimDevice>();

beforeAll(async () => {
  fleet = await startFleet({
    // IOS logs in unprivileged with an enable secret; the others land privileged.
    devices: PLATFORMS.map((platform) => ({
      platform,
      ...(platform === 'cisco_ios' ? { enableSecret: 'En4ble-s3cret' } : {}),
    })),
  });
  for (const device of fleet.devices) byPlatform.set(device.platform, device);
});
afterAll(async () => fleet.close());

function device(platform: Platform): SimDevice {
  const found = byPlatform.get(platform);
  if (found === undefined) throw new Error(`no simulated ${platform}`);
  return found;
}

async function withSession<T>(
  platform: Platform,
  fn: (s: DeviceSession) => Promise<T>,
  options: SessionOptions = {},
): Promise<T> {
  const session = await openSession(simTarget(device(platform)), {
    commandTimeoutMs: 5_000,
    ...options,
  });
  try {
    return await fn(session);
  } finally {
    await session.close();
  }
}

describe.each(PLATFORMS)('%s against its simulator personality', (platform) => {
  const script = SCRIPTS[platform];
  beforeEach(() => {
    const d = device(platform);
    d.setFaults({});
    d.ledger.clear();
  });

  it('runs exec commands framed per command', async () => {
    const outputs = await withSession(platform, (s) => s.exec([script.show, script.show]));
    expect(outputs).toHaveLength(2);
    for (const out of outputs) {
      expect(out.output).toContain(script.showContains);
      expect(out.output).not.toContain(script.show); // echo removed
      expect(out.output.split('\n').at(-1)).not.toMatch(/[#>$]\s*$/); // prompt removed
    }
  });

  it('applies config line by line and leaves config mode (or commits the candidate)', async () => {
    const d = device(platform);
    await withSession(platform, async (s) => {
      const result = await s.configure(script.lines);
      expect(result.linesSent).toBe(script.lines.length);
      expect(s.configLinesSent).toBe(script.lines.length);
      if (s.capabilities.candidate) {
        expect(result.candidatePending).toBe(true);
        expect(d.ledger.count(script.recorded)).toBe(0);
        await s.commit();
      }
      // Back in exec mode: an exec command works without a prefix.
      const [out] = await s.exec([script.show]);
      expect(out?.output).toContain(script.showContains);
    });
    expect(d.ledger.count(script.recorded)).toBe(1);
  });

  it('stops at a rejected line, names it, and applies nothing after it', async () => {
    const d = device(platform);
    const lines = [...script.lines.slice(0, 1), script.bad, 'description never sent'];
    if (platform === 'cisco_xr') {
      // The simulated IOS-XR accepts unknown lines and fails them at commit; the candidate is
      // then discarded and nothing is applied.
      const e = await withSession(platform, async (s) => {
        await s.configure(lines);
        return s.commit().catch((error: unknown) => error);
      });
      expect(e).toBeInstanceOf(ConfigLineError);
      expect((e as ConfigLineError).line).toBe('commit');
      expect((e as ConfigLineError).matchedText).toMatch(/^% Failed to commit/);
      expect(d.ledger.isUntouched()).toBe(true);
      return;
    }
    const error = await withSession(platform, async (s) => {
      const caught = await s.configure(lines).catch((e: unknown) => e);
      // The session is still usable, back in exec mode.
      const [out] = await s.exec([script.show]);
      expect(out?.output).toContain(script.showContains);
      return caught;
    });
    expect(error).toBeInstanceOf(ConfigLineError);
    const e = error as ConfigLineError;
    expect(e.code).toBe('command_error');
    expect(e.line).toBe(script.bad);
    expect(e.lineIndex).toBe(1);
    expect(e.linesAccepted).toEqual(lines.slice(0, 1));
    expect(e.matchedText.length).toBeGreaterThan(0);
    expect(e.configMayHaveChanged).toBe(true);
    expect(e.retryable).toBe(false);
    expect(d.ledger.count('description never sent')).toBe(0);
  });

  it('stops at a line the device rejects through the rejectCommand fault', async () => {
    const d = device(platform);
    d.setFaults({ rejectCommand: '^fleetpush-reject' });
    const error = await withSession(platform, (s) =>
      s.configure([...script.lines, 'fleetpush-reject me']),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigLineError);
    expect((error as ConfigLineError).line).toBe('fleetpush-reject me');
    if (platform === 'cisco_xr' || platform === 'juniper_junos') {
      // Candidate discarded: nothing applied.
      expect(d.ledger.isUntouched()).toBe(true);
    }
  });

  it('aborts mid-command within ~100 ms and says so', async () => {
    const d = device(platform);
    d.setFaults({ hangOnCommand: '^' + escape(script.show) + '$' });
    const controller = new AbortController();
    const session = await openSession(simTarget(d), {
      signal: controller.signal,
      commandTimeoutMs: 30_000,
    });
    const pending = session.exec([script.show]).catch((e: unknown) => e);
    await waitUntil(() => d.activeSessions() === 1, { description: 'session open on the device' });
    const t0 = Date.now();
    controller.abort();
    const error = await pending;
    expect(Date.now() - t0).toBeLessThan(100);
    expect(error).toBeInstanceOf(SshError);
    expect((error as SshError).code).toBe('aborted');
    await session.close();
    await waitUntil(() => d.activeSessions() === 0, {
      description: 'device sees the session closed',
    });
  });
});

describe('save and candidate workflows', () => {
  it.each(
    PLATFORMS.filter(
      (p) => SCRIPTS[p] && p !== 'cisco_xr' && p !== 'juniper_junos' && p !== 'linux',
    ),
  )('%s saves the running config', async (platform) => {
    const out = await withSession(platform, (s) => s.save());
    expect(out).toMatch(/\[OK\]|Copy complete|Copy completed successfully|saved/i);
  });

  it.each(['cisco_xr', 'juniper_junos'] as const)(
    '%s: commit confirmed rolls back unless confirmed',
    async (platform) => {
      const d = device(platform);
      d.setFaults({ confirmTimeScale: 0.001 });
      d.ledger.clear();
      await withSession(platform, async (s) => {
        await s.configure(SCRIPTS[platform].lines);
        await s.commitConfirmed(60);
      });
      expect(d.ledger.count(SCRIPTS[platform].recorded)).toBe(1);
      await waitUntil(() => d.ledger.entries().some((e) => e.kind === 'rollback'), {
        description: 'the device rolled the unconfirmed commit back',
      });
    },
  );

  it.each(['cisco_xr', 'juniper_junos'] as const)(
    '%s: confirm keeps a confirmed commit',
    async (platform) => {
      const d = device(platform);
      d.setFaults({ confirmTimeScale: 0.01 });
      d.ledger.clear();
      await withSession(platform, async (s) => {
        await s.configure(SCRIPTS[platform].lines);
        await s.commitConfirmed(60);
        await s.confirm();
      });
      const before = d.ledger.entries().length;
      // The rollback timer (60 s x 0.01 = 600 ms) has passed once this probe session is done.
      await withSession(platform, (s) => s.exec([SCRIPTS[platform].show]));
      await new Promise((r) => setImmediate(r));
      expect(d.ledger.entries().filter((e) => e.kind === 'rollback')).toEqual([]);
      expect(d.ledger.entries().length).toBe(before);
    },
  );

  it.each(['cisco_xr', 'juniper_junos'] as const)(
    '%s: closing with a pending candidate discards it',
    async (platform) => {
      const d = device(platform);
      d.setFaults({});
      d.ledger.clear();
      const session = await openSession(simTarget(d));
      const result = await session.configure(SCRIPTS[platform].lines);
      expect(result.candidatePending).toBe(true);
      await session.close();
      const discard = platform === 'cisco_xr' ? 'abort' : 'rollback 0';
      expect(session.transcript().text).toContain(discard);
      // A later session that commits finds nothing of it.
      await withSession(platform, (s) => s.commit());
      expect(d.ledger.isUntouched()).toBe(true);
    },
  );

  it('platforms without a candidate refuse commit with a typed error', async () => {
    const error = await withSession('cisco_ios', (s) => s.commit()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SshError);
    expect((error as SshError).code).toBe('internal_error');
    expect((error as SshError).retryable).toBe(false);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
