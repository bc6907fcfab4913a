import type { Socket } from 'socket.io';

/** Longest `Authorization` header worth looking at; tokens are far shorter. */
const MAX_HEADER_LENGTH = 1024;

/**
 * The bearer token of a handshake: `auth.token` (what browsers can send, as they cannot set
 * WebSocket headers), else an `Authorization: Bearer …` header (what programs and proxies send).
 */
export function bearerToken(
  handshake: Pick<Socket['handshake'], 'auth' | 'headers'>,
): string | undefined {
  const fromAuth: unknown = (handshake.auth as { token?: unknown } | undefined)?.token;
  if (typeof fromAuth === 'string' && fromAuth !== '') return fromAuth;
  const header = handshake.headers.authorization;
  if (typeof header !== 'string' || header.length > MAX_HEADER_LENGTH) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}
