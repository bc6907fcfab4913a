import { ciscoIos } from '../personalities/cisco-ios';
import { RecordingLedger } from '../mutation-ledger';
import { TimerScope } from '../timer-scope';
import { CliSession, type SessionFaults } from './cli-session';

/** A CLI session on a real cisco_ios personality, writing into a string. */
function session(faults: SessionFaults = {}) {
  const ledger = new RecordingLedger();
  const device = ciscoIos.createDevice({
    index: 0,
    hostname: 'R1',
    username: 'admin',
    ledger,
    timers: new TimerScope(),
    confirmTimeScale: () => 1,
    now: () => new Date(Date.UTC(2025, 10, 26, 8, 24, 12)),
  });
  const out = { text: '', dropped: false, ended: false };
  const cli = new CliSession({
    personality: device.openSession({
      sessionId: 1,
      username: 'admin',
      pty: true,
      remoteIp: '127.0.0.1',
    }),
    channel: {
      write: (t) => (out.text += t),
      drop: () => (out.dropped = true),
      end: () => (out.ended = true),
    },
    faults: () => faults,
  });
  cli.start();
  out.text = '';
  return { cli, out, ledger };
}

describe('CliSession', () => {
  it('treats CR, LF and CRLF as one Enter each, even split across packets', () => {
    const { cli, out } = session();
    cli.input('show clock\r');
    cli.input('\nshow clock\n');
    expect(out.text.match(/R1#/g)).toHaveLength(2);
    expect(out.text).not.toContain('R1#\r\nR1#');
  });

  it('edits the line with backspace before running it', () => {
    const { cli, out } = session();
    cli.input('show clocx\x7fk\r');
    expect(out.text).toContain('show clocx\b \bk\r\n*08:24:12.000 UTC Wed Nov 26 2025');
  });

  it('runs type-ahead lines in order after a slow command', () => {
    jest.useFakeTimers();
    try {
      const { cli, out, ledger } = session({ commandLatencyMs: 50 });
      cli.input('configure terminal\rhostname A\rhostname B\r');
      expect(ledger.entries()).toHaveLength(0);
      jest.advanceTimersByTime(200);
      expect(ledger.entries().map((e) => e.line)).toEqual(['hostname A', 'hostname B']);
      expect(out.text.endsWith('B(config)#')).toBe(true);
      cli.dispose();
    } finally {
      jest.useRealTimers();
    }
  });

  it('does not echo hidden answers', () => {
    const { cli, out } = session();
    cli.input('copy running-config startup-config\r');
    expect(out.text.endsWith('Destination filename [startup-config]? ')).toBe(true);
    cli.input('\r');
    expect(out.text).toContain('[OK]');
  });

  it('drops the connection on command N+1 without running it', () => {
    const { cli, out, ledger } = session({ dropAfterCommands: 1 });
    cli.input('configure terminal\rhostname X\r');
    expect(out.dropped).toBe(true);
    expect(ledger.isUntouched()).toBe(true);
  });

  it('ends the session on exit', () => {
    const { cli, out } = session();
    cli.input('exit\r');
    expect(out.ended).toBe(true);
  });
});
