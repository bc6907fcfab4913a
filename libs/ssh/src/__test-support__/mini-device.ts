import { type AddressInfo } from 'node:net';
import {
  Server,
  utils as sshUtils,
  type Algorithms,
  type AuthContext,
  type Connection,
  type ParsedKey,
  type ServerChannel,
} from 'ssh2';
import { fingerprintOf } from '../host-key';
import { type SessionTarget } from '../session-target';
import { generateKeyPair } from '../key-pair';

/** Options of the test device: an IOS-like CLI, small on purpose (the full simulator is services/device-sim). */
export interface MiniDeviceOptions {
  readonly hostname?: string;
  readonly username?: string;
  readonly password?: string;
  readonly enableSecret?: string;
  /** Start unprivileged (`R1>`); needs enable. */
  readonly unprivileged?: boolean;
  /** Only offer keyboard-interactive (no `password` method). */
  readonly keyboardInteractiveOnly?: boolean;
  /** Accept this public key for `publickey` auth. */
  readonly authorizedKey?: ParsedKey;
  /** Printed before the first prompt. */
  readonly banner?: string;
  readonly bannerDelayMs?: number;
  /** Split every output into writes of at most this many characters. */
  readonly chunkSize?: number;
  readonly algorithms?: Algorithms;
  /** A host key (OpenSSH private key, or as ssh2 parsed it); default: one ed25519 key per process. */
  readonly hostKey?: string | ParsedKey;
  /** Extra commands: name -> output lines. */
  readonly outputs?: Readonly<Record<string, string>>;
}

/** A running test device. */
export interface MiniDevice {
  readonly port: number;
  /** Every auth attempt the server saw (method names). */
  readonly authAttempts: string[];
  /** Every line the CLI received. */
  readonly received: string[];
  hostKeyFingerprint(): string;
  close(): Promise<void>;
}

let sharedKey: string | undefined;

/** A process-wide ed25519 host key (generating one per test would cost ~1 ms each, but keeps fingerprints stable). */
export function testHostKey(): string {
  sharedKey ??= generateKeyPair('ed25519').private;
  return sharedKey;
}

/** Starts an IOS-like SSH device on 127.0.0.1, port 0. */
export async function startMiniDevice(options: MiniDeviceOptions = {}): Promise<MiniDevice> {
  const hostKey = options.hostKey ?? testHostKey();
  const authAttempts: string[] = [];
  const received: string[] = [];
  const clients = new Set<Connection>();
  const server = new Server(
    {
      hostKeys: [typeof hostKey === 'string' ? hostKey : { key: hostKey }],
      ...(options.algorithms ? { algorithms: options.algorithms } : {}),
    },
    (client) => {
      clients.add(client);
      // Nagle plus delayed ACKs would add ~40 ms stalls to every exchange on loopback.
      // (ssh2 has Connection#setNoDelay; @types/ssh2 only declares it on Client.)
      (client as unknown as { setNoDelay(on: boolean): void }).setNoDelay(true);
      client.on('close', () => clients.delete(client));
      client.on('error', () => undefined);
      client.on('authentication', (ctx) => authenticate(ctx, options, authAttempts));
      client.on('ready', () => {
        client.on('session', (accept) => {
          const session = accept();
          session.on('pty', (ok) => ok?.());
          session.on('shell', (ok) => runCli(ok(), options, received));
        });
      });
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const parsed = typeof hostKey === 'string' ? (sshUtils.parseKey(hostKey) as ParsedKey) : hostKey;
  return {
    port: (server.address() as AddressInfo).port,
    authAttempts,
    received,
    hostKeyFingerprint: () => fingerprintOf(parsed.getPublicSSH()),
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of clients) c.end();
        server.close(() => resolve());
      }),
  };
}

function authenticate(ctx: AuthContext, options: MiniDeviceOptions, attempts: string[]): void {
  attempts.push(ctx.method);
  const username = options.username ?? 'admin';
  const password = options.password ?? 'secret';
  const methods = options.keyboardInteractiveOnly
    ? (['keyboard-interactive'] as const)
    : (['publickey', 'password', 'keyboard-interactive'] as const);
  if (ctx.username !== username || !(methods as readonly string[]).includes(ctx.method))
    return ctx.reject([...methods]);
  if (ctx.method === 'password')
    return ctx.password === password ? ctx.accept() : ctx.reject([...methods]);
  if (ctx.method === 'keyboard-interactive') {
    return ctx.prompt([{ prompt: 'Password: ', echo: false }], (answers) =>
      answers[0] === password ? ctx.accept() : ctx.reject([...methods]),
    );
  }
  if (ctx.method === 'publickey' && options.authorizedKey !== undefined) {
    const key = options.authorizedKey;
    if (ctx.key.algo !== key.type || !ctx.key.data.equals(key.getPublicSSH()))
      return ctx.reject([...methods]);
    if (ctx.signature === undefined || ctx.blob === undefined) return ctx.accept();
    return key.verify(ctx.blob, ctx.signature, ctx.hashAlgo) === true
      ? ctx.accept()
      : ctx.reject([...methods]);
  }
  ctx.reject([...methods]);
}

function runCli(stream: ServerChannel, options: MiniDeviceOptions, received: string[]): void {
  const host = { name: options.hostname ?? 'R1' };
  const state = {
    mode: options.unprivileged ? '>' : '#',
    sub: '',
    input: '',
    awaitingSecret: false,
  };
  const write = (text: string): void => {
    const size = options.chunkSize ?? text.length;
    for (let i = 0; i < text.length; i += Math.max(1, size)) stream.write(text.slice(i, i + size));
  };
  const prompt = (): string => `${host.name}${state.sub}${state.mode}`;
  const start = (): void => write(`${options.banner ?? ''}\r\n${prompt()}`);
  if (options.bannerDelayMs) setTimeout(start, options.bannerDelayMs).unref();
  else start();
  stream.on('data', (data: Buffer) => {
    // Echo what arrived in one write, as a device's line discipline does for a pasted line.
    let echo = '';
    for (const ch of data.toString('utf8')) {
      if (ch !== '\r' && ch !== '\n') {
        state.input += ch;
        if (!state.awaitingSecret) echo += ch;
        continue;
      }
      if (echo !== '') write(echo);
      echo = '';
      const line = state.input;
      state.input = '';
      received.push(line);
      const reply = respond(line, state, host, options, stream);
      if (reply === undefined) continue;
      if (state.awaitingSecret) write(`\r\n${reply}`);
      else write(`\r\n${reply}${reply === '' ? '' : '\r\n'}${prompt()}`);
    }
    if (echo !== '') write(echo);
  });
}

function respond(
  line: string,
  state: { mode: string; sub: string; awaitingSecret: boolean },
  host: { name: string },
  options: MiniDeviceOptions,
  stream: ServerChannel,
): string | undefined {
  if (state.awaitingSecret) {
    state.awaitingSecret = false;
    if (line !== (options.enableSecret ?? 'enable-secret')) return '% Bad secrets';
    state.mode = '#';
    return '';
  }
  const cmd = line.trim();
  const extra = options.outputs?.[cmd];
  if (extra !== undefined) return extra;
  if (cmd === '') return '';
  if (cmd === 'enable') {
    state.awaitingSecret = true;
    return 'Password: ';
  }
  if (cmd === 'hang') return undefined;
  if (cmd === 'exit' && state.sub === '') {
    stream.exit(0);
    stream.end();
    return undefined;
  }
  if (cmd === 'drop') {
    stream.close();
    return undefined;
  }
  if (cmd.startsWith('terminal ')) return '';
  if (cmd === 'configure terminal') {
    state.sub = '(config)';
    return 'Enter configuration commands, one per line.  End with CNTL/Z.';
  }
  if (cmd === 'end') {
    state.sub = '';
    return '';
  }
  if (cmd.startsWith('interface ')) {
    state.sub = '(config-if)';
    return '';
  }
  const hostname = /^hostname (\S+)$/.exec(cmd);
  if (hostname?.[1] !== undefined && state.sub !== '') {
    host.name = hostname[1];
    return '';
  }
  if (cmd === 'write memory') return 'Building configuration...\r\n[OK]';
  if (cmd.startsWith('show lines ')) {
    const n = Number(cmd.slice('show lines '.length));
    return Array.from({ length: n }, (_, i) => `line ${i + 1}`).join('\r\n');
  }
  if (cmd.startsWith('description ') || cmd.startsWith('ip address ') || cmd === 'no shutdown')
    return '';
  return `${' '.repeat(host.name.length + state.sub.length + 1)}^\r\n% Invalid input detected at '^' marker.`;
}

/** A session target for the test device: admin/secret, any host key accepted, plus `extra`. */
export function miniDeviceTarget(
  device: MiniDevice,
  extra: Partial<SessionTarget> = {},
): SessionTarget {
  return {
    host: '127.0.0.1',
    port: device.port,
    platform: 'cisco_ios',
    username: 'admin',
    auth: { password: 'secret' },
    hostKey: { policy: 'accept' },
    ...extra,
  };
}
