import { FailureCode } from '@fleetpush/domain';
import { ConfigLineError, SshError, UnsupportedOperationError, withSessionContext } from './errors';

describe('SshError flags', () => {
  it('is retryable only when transient and nothing may have changed', () => {
    expect(new SshError(FailureCode.connection_timeout, 'x').retryable).toBe(true);
    expect(
      new SshError(FailureCode.connection_timeout, 'x', { configLinesSent: 1 }).retryable,
    ).toBe(false);
    expect(new SshError(FailureCode.host_key_mismatch, 'x').retryable).toBe(false);
    expect(new SshError(FailureCode.aborted, 'x').retryable).toBe(false);
  });

  it('config may have changed once a line was sent or a commit was in flight', () => {
    expect(new SshError(FailureCode.session_dropped, 'x').configMayHaveChanged).toBe(false);
    expect(
      new SshError(FailureCode.session_dropped, 'x', { configLinesSent: 2 }).configMayHaveChanged,
    ).toBe(true);
    expect(
      new SshError(FailureCode.command_timeout, 'x', { duringCommit: true }).configMayHaveChanged,
    ).toBe(true);
  });

  it('adds session context without losing the subclass or its fields', () => {
    const e = new ConfigLineError('rejected', {
      line: 'ip adress 1.1.1.1',
      lineIndex: 1,
      matchedText: '% Invalid input',
      response: '% Invalid input',
      linesAccepted: ['interface Gi0/1'],
    });
    const c = withSessionContext(e, {
      deviceKey: 'r1:22',
      configLinesSent: 2,
      duringCommit: false,
    });
    expect(c).toBeInstanceOf(ConfigLineError);
    expect(c).toMatchObject({
      line: 'ip adress 1.1.1.1',
      lineIndex: 1,
      deviceKey: 'r1:22',
      configLinesSent: 2,
    });
    expect(c.configMayHaveChanged).toBe(true);
    const u = withSessionContext(new UnsupportedOperationError('commit', 'cisco_ios'), {
      deviceKey: 'r1:22',
      configLinesSent: 0,
      duringCommit: false,
    });
    expect(u).toBeInstanceOf(UnsupportedOperationError);
    expect(u.message).toBe('commit is not supported on cisco_ios');
  });
});
