import { installLeakCheck, waitUntil } from '@fleetpush/testing';
import {
  startMiniDevice,
  type MiniDevice,
  type MiniDeviceOptions,
} from './__test-support__/mini-device';
import { SshError } from './errors';
import { openSession } from './open-session';
import { type SessionOptions } from './session-options';
import { type SessionTarget } from './session-target';

installLeakCheck();

const PASSWORD = 'pa55-Word!';
const COMMUNITY = 'snmp-C0mmunity';

async function withDevice(
  options: MiniDeviceOptions,
  fn: (d: MiniDevice) => Promise<void>,
): Promise<void> {
  const d = await startMiniDevice({ password: PASSWORD, ...options });
  try {
    await fn(d);
  } finally {
    await d.close();
  }
}

function target(d: MiniDevice): SessionTarget {
  return {
    host: '127.0.0.1',
    port: d.port,
    platform: 'cisco_ios',
    username: 'admin',
    auth: { password: PASSWORD },
    hostKey: { policy: 'accept' },
  };
}

describe('session lifecycle', () => {
  it('redacts secrets split across SSH packets in the transcript, the tap and the outputs', async () => {
    const leaky = `password ${PASSWORD}\r\nsnmp-server community ${COMMUNITY} RO\r\n${PASSWORD}${COMMUNITY}`;
    // 3-character writes cut both secrets at several points.
    await withDevice({ chunkSize: 3, outputs: { 'show leaky': leaky } }, async (d) => {
      const lines: string[] = [];
      const options: SessionOptions = { extraSecrets: [COMMUNITY], onLine: (l) => lines.push(l) };
      const session = await openSession(target(d), options);
      const [out] = await session.exec(['show leaky']);
      await session.close();
      const transcript = session.transcript().text;
      for (const text of [out?.output ?? '', transcript, lines.join('\n')]) {
        expect(text).not.toContain(PASSWORD);
        expect(text).not.toContain(COMMUNITY);
      }
      expect(out?.output).toContain('snmp-server community ******** RO');
      expect(lines).toContain('R1#show leaky');
    });
  });

  it('caps the transcript and says so', async () => {
    await withDevice({}, async (d) => {
      const session = await openSession(target(d), { transcriptMaxBytes: 2_000 });
      const [out] = await session.exec(['show lines 500']);
      await session.close();
      expect(out?.output.split('\n')).toHaveLength(500);
      const t = session.transcript();
      expect(t.truncated).toBe(true);
      expect(Buffer.byteLength(t.text)).toBeLessThan(2_100);
      expect(t.originalBytes).toBeGreaterThan(4_000);
      expect(t.text).toContain('line 500');
    });
  });

  it('serialises concurrent calls and keeps their outputs apart', async () => {
    await withDevice({ chunkSize: 5 }, async (d) => {
      const session = await openSession(target(d));
      const [a, b] = await Promise.all([
        session.exec(['show lines 2']),
        session.exec(['show lines 3']),
      ]);
      expect(a?.[0]?.output).toBe('line 1\nline 2');
      expect(b?.[0]?.output).toBe('line 1\nline 2\nline 3');
      await session.close();
    });
  });

  it('close is idempotent, and calls after close are rejected', async () => {
    await withDevice({}, async (d) => {
      const session = await openSession(target(d));
      await Promise.all([session.close(), session.close()]);
      await session.close();
      const e = await session.exec(['show lines 1']).catch((err: unknown) => err);
      expect(e).toBeInstanceOf(SshError);
    });
  });

  it('a device that closes the shell mid-command is session_dropped', async () => {
    await withDevice({}, async (d) => {
      const session = await openSession(target(d));
      const e = await session.exec(['drop']).catch((err: unknown) => err);
      expect((e as SshError).code).toBe('session_dropped');
      await session.close();
    });
  });

  it('closing while a command hangs ends it at once', async () => {
    await withDevice({}, async (d) => {
      const session = await openSession(target(d), { commandTimeoutMs: 30_000 });
      const pending = session.exec(['hang']).catch((err: unknown) => err);
      await waitUntil(() => d.received.includes('hang'), {
        description: 'the device got the command',
      });
      await session.close();
      expect(((await pending) as SshError).code).toBe('aborted');
    });
  });

  it('refuses a line that smuggles a second command', async () => {
    await withDevice({}, async (d) => {
      const session = await openSession(target(d));
      const e = await session.configure(['description x\nreload']).catch((err: unknown) => err);
      expect((e as SshError).code).toBe('internal_error');
      expect(session.configLinesSent).toBe(0);
      expect(d.received).not.toContain('reload');
      await session.close();
    });
  });

  it('learns a prompt behind a banner whose last line looks like one', async () => {
    await withDevice({ banner: '****\r\ncore-sw1#\r\nR9>', chunkSize: 2 }, async (d) => {
      const session = await openSession(target(d));
      expect(session.prompt).toBe('R1#');
      await session.close();
    });
  });
});
