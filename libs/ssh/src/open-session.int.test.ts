import { installLeakCheck } from '@fleetpush/testing';
import { startMiniDevice, type MiniDevice } from './__test-support__/mini-device';
import { openSession } from './open-session';
import { type SessionTarget } from './session-target';

installLeakCheck();

function target(device: MiniDevice, extra: Partial<SessionTarget> = {}): SessionTarget {
  return {
    host: '127.0.0.1',
    port: device.port,
    platform: 'cisco_ios',
    username: 'admin',
    auth: { password: 'secret' },
    hostKey: { policy: 'accept' },
    ...extra,
  };
}

describe('openSession against a minimal ssh2 device', () => {
  let device: MiniDevice;
  afterEach(async () => device.close());

  it('runs exec commands framed per command', async () => {
    device = await startMiniDevice({ banner: 'Welcome\r\nR1# fake prompt in banner' });
    const session = await openSession(target(device));
    try {
      expect(session.prompt).toBe('R1#');
      const [out] = await session.exec(['show lines 3']);
      expect(out?.output).toBe('line 1\nline 2\nline 3');
    } finally {
      await session.close();
    }
  });
});
