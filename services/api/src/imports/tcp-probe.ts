import { connect } from 'node:net';

/**
 * Whether a TCP connection to `host:port` opens within `timeoutMs` (closed at once; nothing is
 * sent). Used for devices that cannot log in, so that reachability is still reported.
 */
export function tcpProbe(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
