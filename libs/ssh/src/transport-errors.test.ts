import { FailureCode } from '@fleetpush/domain';
import { SshError } from './errors';
import { classifyTransportError, type TransportErrorContext } from './transport-errors';

const base: TransportErrorContext = {
  deviceKey: '10.0.0.1:22',
  hostKeyVerdict: undefined,
  handshakeDone: false,
  authenticated: false,
  socketEnded: false,
};

function err(fields: Record<string, string>): Error {
  return Object.assign(new Error('whatever ssh2 says'), fields);
}

describe('classifyTransportError', () => {
  it.each([
    [err({ code: 'ECONNREFUSED', level: 'client-socket' }), base, FailureCode.connection_refused],
    [err({ code: 'EHOSTUNREACH', level: 'client-socket' }), base, FailureCode.connection_timeout],
    [err({ code: 'ECONNRESET', level: 'client-socket' }), base, FailureCode.session_dropped],
    [
      err({ level: 'client-authentication' }),
      { ...base, handshakeDone: true },
      FailureCode.auth_failed,
    ],
    [err({ level: 'client-timeout' }), base, FailureCode.connection_timeout],
    [
      err({ level: 'client-timeout' }),
      { ...base, authenticated: true },
      FailureCode.session_dropped,
    ],
    [err({ level: 'handshake' }), base, FailureCode.protocol_error],
    [err({ level: 'protocol' }), { ...base, socketEnded: true }, FailureCode.session_dropped],
    [undefined, base, FailureCode.session_dropped],
  ])('%p in %p -> %s', (error, ctx, code) => {
    expect(classifyTransportError(error, ctx).code).toBe(code);
  });

  it('a refused host key wins over the error ssh2 raises for it', () => {
    const ctx: TransportErrorContext = {
      ...base,
      hostKeyVerdict: { ok: false, code: FailureCode.host_key_mismatch, reason: 'changed' },
    };
    expect(classifyTransportError(err({ level: 'handshake' }), ctx).code).toBe(
      FailureCode.host_key_mismatch,
    );
  });

  it('passes SshErrors through and keeps the cause', () => {
    const original = new SshError(FailureCode.aborted, 'x');
    expect(classifyTransportError(original, base)).toBe(original);
    const cause = err({ code: 'ECONNREFUSED' });
    expect(classifyTransportError(cause, base).cause).toBe(cause);
  });
});
