import { installLeakCheck } from '@fleetpush/testing';
import { miniDeviceTarget, startMiniDevice, type MiniDevice } from './__test-support__/mini-device';
import { openSession } from './open-session';

installLeakCheck();

describe('openSession against a minimal ssh2 device', () => {
  let device: MiniDevice;
  afterEach(async () => device.close());

  it('runs exec commands framed per command', async () => {
    device = await startMiniDevice({ banner: 'Welcome\r\nR1# fake prompt in banner' });
    const session = await openSession(miniDeviceTarget(device));
    try {
      expect(session.prompt).toBe('R1#');
      const [out] = await session.exec(['show lines 3']);
      expect(out?.output).toBe('line 1\nline 2\nline 3');
    } finally {
      await session.close();
    }
  });
});
