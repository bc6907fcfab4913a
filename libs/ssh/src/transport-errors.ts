import { FailureCode } from '@fleetpush/domain';
import { SshError } from './errors';
import { type HostKeyVerdict } from './host-key';

/** What the connection knew when an error surfaced. */
export interface TransportErrorContext {
  readonly deviceKey: string;
  readonly hostKeyVerdict: HostKeyVerdict | undefined;
  readonly handshakeDone: boolean;
  readonly authenticated: boolean;
  /** The peer closed or the socket was destroyed. */
  readonly socketEnded: boolean;
}

/** Socket error codes (`err.code`) that mean "nobody answered in time / no route". */
const UNREACHABLE = new Set(['ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'EAI_AGAIN']);
/** Socket error codes that mean the connection was cut. */
const DROPPED = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);

function field(error: unknown, name: 'code' | 'level'): string | undefined {
  if (typeof error !== 'object' || error === null || !(name in error)) return undefined;
  const value = (error as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

function codeFor(error: unknown, ctx: TransportErrorContext): { code: FailureCode; what: string } {
  const verdict = ctx.hostKeyVerdict;
  if (verdict !== undefined && !verdict.ok) return { code: verdict.code, what: verdict.reason };
  const level = field(error, 'level');
  const sysCode = field(error, 'code');
  if (sysCode === 'ECONNREFUSED')
    return { code: FailureCode.connection_refused, what: 'connection refused' };
  if (sysCode === 'ENOTFOUND')
    return { code: FailureCode.connection_refused, what: 'host name not found' };
  if (sysCode !== undefined && UNREACHABLE.has(sysCode)) {
    return { code: FailureCode.connection_timeout, what: `unreachable (${sysCode})` };
  }
  if (sysCode !== undefined && DROPPED.has(sysCode)) {
    return { code: FailureCode.session_dropped, what: `connection cut (${sysCode})` };
  }
  if (level === 'client-authentication') {
    return { code: FailureCode.auth_failed, what: 'authentication failed' };
  }
  if (level === 'client-timeout') {
    return ctx.authenticated
      ? { code: FailureCode.session_dropped, what: 'keepalives unanswered' }
      : { code: FailureCode.connection_timeout, what: 'SSH handshake timed out' };
  }
  if (ctx.socketEnded || error === undefined) {
    return { code: FailureCode.session_dropped, what: 'the device closed the connection' };
  }
  if (level === 'handshake' || level === 'protocol' || !ctx.handshakeDone) {
    return { code: FailureCode.protocol_error, what: 'SSH negotiation failed' };
  }
  return { code: FailureCode.session_dropped, what: 'the SSH connection failed' };
}

/**
 * Normalises whatever ssh2 or the socket threw into an {@link SshError}, once, from the
 * error's `level` and `code` fields and the connection's phase, never from message text.
 * Messages name the device and the cause, and carry no credentials.
 */
export function classifyTransportError(error: unknown, ctx: TransportErrorContext): SshError {
  if (error instanceof SshError) return error;
  const { code, what } = codeFor(error, ctx);
  const detail =
    error instanceof Error && code === FailureCode.protocol_error ? `: ${error.message}` : '';
  return new SshError(code, `${ctx.deviceKey}: ${what}${detail}`, {
    deviceKey: ctx.deviceKey,
    cause: error,
  });
}
