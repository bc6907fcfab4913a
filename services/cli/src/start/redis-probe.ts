import { connect } from 'node:net';

/** How long a probe waits for Redis to answer: a local Redis answers in well under a second. */
const PROBE_TIMEOUT_MS = 1_500;

/** Host and port of a `redis://` / `rediss://` URL (defaults 127.0.0.1:6379). */
export function redisAddress(url: string): { host: string; port: number } {
  const parsed = new URL(url);
  const host = parsed.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1';
  return { host, port: parsed.port === '' ? 6379 : Number(parsed.port) };
}

/**
 * Whether a Redis answers at `url`: a TCP connection and any RESP reply to `PING` (`+PONG`, or
 * `-NOAUTH` from a Redis with a password, which is still "a Redis is there").
 */
export function redisAnswers(url: string): Promise<boolean> {
  const { host, port } = redisAddress(url);
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const finish = (answer: boolean): void => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(PROBE_TIMEOUT_MS, () => finish(false));
    socket.once('error', () => finish(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (chunk: Buffer) => finish(/^[+-]/.test(chunk.toString())));
  });
}
