import { connect as tcpConnect, type Socket } from 'node:net';
import { FailureCode } from '@fleetpush/domain';
import {
  Client,
  utils as sshUtils,
  type AnyAuthMethod,
  type AuthenticationType,
  type AuthHandlerMiddleware,
  type ClientChannel,
  type ConnectConfig,
  type ParsedKey,
} from 'ssh2';
import { algorithmsFor } from './algorithms';
import { SshError } from './errors';
import { fingerprintOf, verifyHostKey, type HostKeyVerdict } from './host-key';
import { classifyTransportError } from './transport-errors';
import { type SessionTarget } from './session-target';

/** PTY geometry: wide enough that devices never wrap a config line, tall enough not to page. */
export const SHELL_PTY = { term: 'vt100', cols: 511, rows: 10_000, width: 0, height: 0 } as const;

/** Unanswered keepalives before ssh2 declares the peer dead. */
const KEEPALIVE_COUNT_MAX = 3;

/** ssh2's "stop trying" answer to the auth handler (`false`), which @types/ssh2 does not model. */
const NO_MORE_METHODS = false as unknown as AuthenticationType;

/** Settings of {@link SshConnection.open}. */
export interface ConnectionSettings {
  readonly deviceKey: string;
  readonly keepaliveIntervalMs: number;
}

/**
 * One SSH transport to a device: a TCP socket with Nagle off (ssh2 handshakes are ~25x
 * slower on loopback with it), the host-key check inside ssh2's `hostVerifier` (before any
 * credential is sent), authentication and an interactive shell on a wide PTY. Errors are
 * classified into {@link SshError}s; `destroy()` drops everything at once.
 */
export class SshConnection {
  readonly client = new Client();
  private socket: Socket | undefined;
  private shellStream: ClientChannel | undefined;
  private hostKeyVerdict: HostKeyVerdict | undefined;
  private fingerprintValue = '';
  private handshakeDone = false;
  private authenticated = false;
  private closedFlag = false;
  private readonly closedPromise: Promise<void>;
  private resolveClosed!: () => void;

  constructor(
    private readonly target: SessionTarget,
    private readonly settings: ConnectionSettings,
  ) {
    this.closedPromise = new Promise((resolve) => (this.resolveClosed = resolve));
    // ssh2 reports errors as events; one without a listener would crash the process.
    this.client.on('error', () => undefined);
  }

  /** `SHA256:…` of the host key (after the handshake). */
  get fingerprint(): string {
    return this.fingerprintValue;
  }

  /** The shell (after {@link open}). */
  get shell(): ClientChannel {
    if (this.shellStream === undefined) throw new Error('SshConnection: no shell yet');
    return this.shellStream;
  }

  /** Whether the socket has closed. */
  get closed(): boolean {
    return this.closedFlag;
  }

  /** Resolves once the socket has closed. */
  whenClosed(): Promise<void> {
    return this.closedPromise;
  }

  /** Connects, verifies the host key, authenticates and opens the shell. */
  async open(): Promise<ClientChannel> {
    const key = parseClientKey(this.target, this.settings.deviceKey);
    await new Promise<void>((resolve, reject) => {
      const onError = (error: unknown): void => reject(this.classify(error));
      const onClose = (): void => reject(this.classify(undefined));
      this.client.once('ready', () => {
        this.authenticated = true;
        this.client.off('error', onError);
        this.client.off('close', onClose);
        resolve();
      });
      this.client.on('error', onError);
      this.client.once('handshake', () => (this.handshakeDone = true));
      this.client.once('close', onClose);
      this.client.connect(this.connectConfig(this.startSocket(), key));
    });
    this.shellStream = await this.openShell();
    return this.shellStream;
  }

  /** Ends the session politely; the socket is destroyed if it is still open after that. */
  end(): void {
    try {
      this.client.end();
    } catch {
      // ssh2 throws when the socket is already gone.
    }
  }

  /** Drops the connection at once (abort, timeout). */
  destroy(): void {
    this.socket?.destroy();
    if (this.socket === undefined) this.markClosed();
  }

  private startSocket(): Socket {
    const socket = tcpConnect({ host: this.target.host, port: this.target.port });
    socket.setNoDelay(true);
    socket.once('close', () => this.markClosed());
    this.socket = socket;
    return socket;
  }

  private markClosed(): void {
    this.closedFlag = true;
    this.resolveClosed();
  }

  private connectConfig(sock: Socket, key: ParsedKey | undefined): ConnectConfig {
    return {
      sock,
      username: this.target.username,
      algorithms: algorithmsFor(this.target.legacyAlgorithms === true),
      // The session's own connect deadline covers this (and the first prompt).
      readyTimeout: 0,
      keepaliveInterval: this.settings.keepaliveIntervalMs,
      keepaliveCountMax: KEEPALIVE_COUNT_MAX,
      hostVerifier: (blob: Buffer, verify: (ok: boolean) => void) => this.verifyHost(blob, verify),
      authHandler: this.authHandler(key),
    };
  }

  private verifyHost(blob: Buffer, verify: (ok: boolean) => void): void {
    this.fingerprintValue = fingerprintOf(blob);
    verifyHostKey(this.target.hostKey, this.settings.deviceKey, this.fingerprintValue).then(
      (verdict) => {
        this.hostKeyVerdict = verdict;
        verify(verdict.ok);
      },
      (error: unknown) => {
        this.hostKeyVerdict = {
          ok: false,
          code: FailureCode.host_key_unknown,
          reason: `the host-key store failed: ${error instanceof Error ? error.message : String(error)}`,
        };
        verify(false);
      },
    );
  }

  private authHandler(key: ParsedKey | undefined): AuthHandlerMiddleware {
    const methods = authMethods(this.target, key);
    let index = 0;
    // ssh2 passes `null` as the methods left before the first attempt.
    return (left: AuthenticationType[] | null, _partial, next) => {
      while (index < methods.length) {
        const method = methods[index++];
        if (method !== undefined && (left === null || left.includes(method.type)))
          return next(method);
      }
      // ssh2's documented "no more methods" value, missing from @types/ssh2.
      next(NO_MORE_METHODS);
    };
  }

  private openShell(): Promise<ClientChannel> {
    return new Promise((resolve, reject) => {
      this.client.shell(SHELL_PTY, (error, stream) => {
        if (error) reject(this.classify(error));
        else resolve(stream);
      });
    });
  }

  private classify(error: unknown): SshError {
    return classifyTransportError(error, {
      deviceKey: this.settings.deviceKey,
      hostKeyVerdict: this.hostKeyVerdict,
      handshakeDone: this.handshakeDone,
      authenticated: this.authenticated,
      socketEnded: this.socket?.readableEnded === true || this.socket?.destroyed === true,
    });
  }
}

function parseClientKey(target: SessionTarget, deviceKey: string): ParsedKey | undefined {
  const { privateKey, passphrase } = target.auth;
  if (privateKey === undefined) return undefined;
  const parsed = sshUtils.parseKey(privateKey, passphrase);
  const key = Array.isArray(parsed) ? (parsed[0] as ParsedKey | undefined) : parsed;
  if (key === undefined || key instanceof Error || !key.isPrivateKey()) {
    // Never include ssh2's message: it may quote key material.
    throw new SshError(
      FailureCode.credentials_unavailable,
      'the private key cannot be read (wrong passphrase or not a private key)',
      { deviceKey },
    );
  }
  return key;
}

function authMethods(target: SessionTarget, key: ParsedKey | undefined): AnyAuthMethod[] {
  const { username } = target;
  const password = target.auth.password;
  const methods: AnyAuthMethod[] = [];
  if (key !== undefined) methods.push({ type: 'publickey', username, key });
  if (password !== undefined) {
    methods.push({ type: 'password', username, password });
    methods.push({
      type: 'keyboard-interactive',
      username,
      // Answer every question with the password, except an echoed user-name question.
      prompt: (_name, _instructions, _lang, prompts, finish) =>
        finish(
          prompts.map((p) =>
            p.echo === true && /user|login/i.test(p.prompt) ? username : password,
          ),
        ),
    });
  }
  return methods;
}
