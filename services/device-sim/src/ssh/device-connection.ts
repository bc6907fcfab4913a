import type { Socket } from 'node:net';
import type { AuthContext, Connection, ServerChannel, Session } from 'ssh2';
import type { CliPersonality } from '../cli/cli-personality';
import { type CliChannel, CliSession, type SessionFaults } from '../cli/cli-session';
import { replyText } from '../cli/reply';
import type { SessionInfo } from '../personalities/personality';
import type { SessionRecord } from '../session-log';

/** What one SSH connection needs from the device it reached. */
export interface ConnectionHost {
  /** Checks credentials, honouring the `authFailures` fault. */
  authenticate(username: string, password: string): boolean;
  /** Records an authenticated session. */
  openSession(username: string): SessionRecord;
  closeSession(record: SessionRecord): void;
  readonly enableSecret?: string;
  openCli(info: SessionInfo): CliPersonality;
  sessionFaults(): SessionFaults;
}

/** Methods offered after a refused attempt, as network devices do. */
const AUTH_METHODS = ['password', 'keyboard-interactive'] as const;

/**
 * Serves one accepted SSH connection: password and keyboard-interactive authentication,
 * a session channel with optional pty, then an interactive shell or a single `exec` command.
 */
export function serveConnection(conn: Connection, socket: Socket, host: ConnectionHost): void {
  let record: SessionRecord | undefined;
  let username = '';
  const clis = new Set<CliSession>();
  conn.on('authentication', (ctx) => authenticate(ctx, host, (name) => (username = name)));
  conn.on('ready', () => {
    record = host.openSession(username);
    const info = (pty: boolean): SessionInfo => ({
      sessionId: record?.sessionId ?? 0,
      username: record?.username ?? '',
      pty,
      remoteIp: socket.remoteAddress ?? '127.0.0.1',
      ...(host.enableSecret !== undefined ? { enableSecret: host.enableSecret } : {}),
    });
    conn.on('session', (accept) => serveSession(accept(), { conn, socket, host, info, clis }));
  });
  conn.on('error', () => {
    // A client that vanishes mid-handshake is normal for a device; nothing to report.
  });
  conn.on('close', () => {
    for (const cli of clis) cli.dispose();
    clis.clear();
    if (record) host.closeSession(record);
  });
}

function authenticate(
  ctx: AuthContext,
  host: ConnectionHost,
  accepted: (username: string) => void,
): void {
  const remember = (): void => accepted(ctx.username);
  if (ctx.method === 'password') {
    if (host.authenticate(ctx.username, ctx.password)) {
      remember();
      ctx.accept();
    } else ctx.reject([...AUTH_METHODS]);
    return;
  }
  if (ctx.method === 'keyboard-interactive') {
    ctx.prompt([{ prompt: 'Password: ', echo: false }], (answers) => {
      if (host.authenticate(ctx.username, answers[0] ?? '')) {
        remember();
        ctx.accept();
      } else ctx.reject([...AUTH_METHODS]);
    });
    return;
  }
  ctx.reject([...AUTH_METHODS]);
}

/** Everything a session channel needs from its connection. */
interface SessionScope {
  readonly conn: Connection;
  readonly socket: Socket;
  readonly host: ConnectionHost;
  readonly info: (pty: boolean) => SessionInfo;
  readonly clis: Set<CliSession>;
}

function serveSession(session: Session, scope: SessionScope): void {
  const { host, info, clis } = scope;
  let pty = false;
  session.on('pty', (accept) => {
    pty = true;
    accept?.();
  });
  session.on('window-change', (accept) => accept?.());
  session.on('env', (accept) => accept?.());
  session.on('shell', (accept) => {
    const stream = accept();
    const cli = new CliSession({
      personality: host.openCli(info(pty)),
      channel: channelOver(stream, scope),
      faults: () => host.sessionFaults(),
    });
    clis.add(cli);
    stream.on('data', (data: Buffer) => cli.input(data.toString('latin1')));
    stream.on('close', () => {
      cli.dispose();
      clis.delete(cli);
    });
    cli.start();
  });
  session.on('exec', (accept, _reject, request) => {
    const stream = accept();
    const cli = host.openCli(info(pty));
    const reply = cli.execute(request.command);
    const text = replyText(reply).replace(/\r?\n/g, cli.eol);
    cli.dispose();
    stream.exit(reply.exitCode ?? 0);
    stream.end(text);
  });
}

/** Bytes pass through as latin1 both ways, so any byte the client types is echoed unchanged. */
function channelOver(stream: ServerChannel, scope: SessionScope): CliChannel {
  return {
    write: (text) => {
      if (stream.writable) stream.write(Buffer.from(text, 'latin1'));
    },
    drop: () => scope.socket.destroy(),
    end: (exitCode) => {
      // Network OSes close the whole connection on `exit`, not only the channel.
      stream.exit(exitCode);
      stream.end();
      scope.conn.end();
    },
  };
}
