import { type DeviceSession } from './device-session';
import { type SessionOptions } from './session-options';
import { type SessionTarget } from './session-target';
import { SshDeviceSession } from './ssh-device-session';

/**
 * Opens a CLI session to a device: TCP (Nagle off), SSH handshake with the host key checked
 * before any credential is sent, authentication (public key, password, keyboard-interactive),
 * a wide PTY shell, prompt learning past banners, enable, paging off; all within
 * `connectTimeoutMs` and under `signal`. Rejects with an `SshError` whose `code` says why.
 */
export function openSession(
  target: SessionTarget,
  options: SessionOptions = {},
): Promise<DeviceSession> {
  return SshDeviceSession.open(target, options);
}
