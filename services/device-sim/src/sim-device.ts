import { createServer, type Server as NetServer, type Socket } from 'node:net';
import { deviceKey, type Platform } from '@fleetpush/domain';
import { Server as SshServer, type Algorithms } from 'ssh2';
import type { SessionFaults } from './cli/cli-session';
import { SimListenError } from './errors';
import { compileFaultPattern, type FaultSpec, validateFaults } from './fault-spec';
import type { FleetKeys } from './fleet-keys';
import { generateHostKey, type HostKey } from './host-key';
import { type MutationLedger, RecordingLedger } from './mutation-ledger';
import type { Personality, PersonalityDevice } from './personalities/personality';
import { type SessionRecord, SessionLog } from './session-log';
import { type ConnectionHost, serveConnection } from './ssh/device-connection';
import { TimerScope } from './timer-scope';

/** One simulated device of a fleet, as tests and the control surface see it. */
export interface SimDevice {
  readonly index: number;
  /** `host:port`, as the inventory keys devices. */
  readonly key: string;
  readonly host: string;
  readonly port: number;
  readonly platform: Platform;
  /** The hostname the device was created with (`hostname X` changes the prompt, not this). */
  readonly hostname: string;
  readonly username: string;
  readonly password: string;
  readonly enableSecret?: string;
  /** Marked production in the inventory CSV. */
  readonly prod: boolean;
  readonly ledger: MutationLedger;
  /** `SHA256:<base64 without padding>` of the host key offered now, as OpenSSH prints it. */
  hostKeyFingerprint(): string;
  /** What `show running-config` (or the platform's equivalent) prints now. */
  runningConfig(): string;
  /** Replaces this device's faults; open sessions see the change at their next command. */
  setFaults(faults: FaultSpec): void;
  /** The faults in force now. */
  currentFaults(): FaultSpec;
  /** A new host key from now on (existing connections keep theirs). */
  rotateHostKey(): void;
  /** Every SSH session, with open and close times. */
  sessions(): readonly SessionRecord[];
  activeSessions(): number;
}

/** Everything needed to build a device. */
export interface SimDeviceOptions {
  readonly index: number;
  readonly platform: Platform;
  readonly personality: Personality;
  readonly host: string;
  readonly hostname: string;
  readonly username: string;
  readonly password: string;
  readonly enableSecret?: string;
  readonly faults: FaultSpec;
  readonly prod: boolean;
  readonly keys: FleetKeys;
  /** Fleet-wide session id source. */
  readonly nextSessionId: () => number;
}

/** SSH algorithms of an old device that only speaks SHA-1 key exchange and CBC ciphers. */
const LEGACY_ALGORITHMS: Algorithms = {
  kex: ['diffie-hellman-group14-sha1', 'diffie-hellman-group1-sha1'],
  serverHostKey: ['ssh-rsa'],
  cipher: ['aes128-cbc', 'aes256-cbc'],
  hmac: ['hmac-sha1'],
  compress: ['none'],
};

/** A device listening on its own TCP port, speaking SSH with one personality's CLI. */
export class SimulatedDevice implements SimDevice {
  readonly ledger: RecordingLedger = new RecordingLedger();
  private readonly log = new SessionLog();
  private readonly timers = new TimerScope();
  private readonly state: PersonalityDevice;
  private readonly sockets = new Set<Socket>();
  private readonly listener: NetServer;
  private faults: FaultSpec = {};
  private compiled: SessionFaults = {};
  private authFailuresLeft = 0;
  private ownKeys: { modern?: HostKey; legacy?: HostKey } | undefined;
  private ssh: SshServer | undefined;
  private boundPort = 0;

  constructor(private readonly options: SimDeviceOptions) {
    this.setFaults(options.faults);
    this.state = options.personality.createDevice({
      index: options.index,
      hostname: options.hostname,
      username: options.username,
      ledger: this.ledger,
      timers: this.timers,
      confirmTimeScale: () => this.faults.confirmTimeScale ?? 1,
      now: () => new Date(),
    });
    this.listener = createServer({ noDelay: true }, (socket) => this.accept(socket));
  }

  get index(): number {
    return this.options.index;
  }
  get host(): string {
    return this.options.host;
  }
  get port(): number {
    return this.boundPort;
  }
  get key(): string {
    return deviceKey(this.options.host, this.boundPort);
  }
  get platform(): Platform {
    return this.options.platform;
  }
  get hostname(): string {
    return this.options.hostname;
  }
  get username(): string {
    return this.options.username;
  }
  get password(): string {
    return this.options.password;
  }
  get enableSecret(): string | undefined {
    return this.options.enableSecret;
  }
  get prod(): boolean {
    return this.options.prod;
  }

  /** Starts listening (`port` 0 = ephemeral). */
  async listen(port: number): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      const onError = (error: Error): void =>
        reject(new SimListenError(this.host, port, { cause: error }));
      this.listener.once('error', onError);
      this.listener.listen({ port, host: this.host }, () => {
        this.listener.off('error', onError);
        resolve();
      });
    });
    const address = this.listener.address();
    this.boundPort = typeof address === 'object' && address ? address.port : port;
  }

  /** Stops listening, drops every connection and cancels timers. Idempotent. */
  async close(): Promise<void> {
    this.timers.clearAll();
    for (const socket of this.sockets) socket.destroy();
    if (!this.listener.listening) return;
    await new Promise<void>((resolve) => this.listener.close(() => resolve()));
  }

  hostKeyFingerprint(): string {
    return this.hostKey().fingerprint;
  }

  runningConfig(): string {
    return this.state.runningConfig();
  }

  setFaults(faults: FaultSpec): void {
    const next = validateFaults(faults);
    if (Boolean(next.legacyOnly) !== Boolean(this.faults.legacyOnly)) this.ssh = undefined;
    this.faults = next;
    this.authFailuresLeft = next.authFailures ?? 0;
    const hang = compileFaultPattern(next.hangOnCommand);
    const reject = compileFaultPattern(next.rejectCommand);
    this.compiled = {
      ...(next.commandLatencyMs !== undefined ? { commandLatencyMs: next.commandLatencyMs } : {}),
      ...(next.dropAfterCommands !== undefined
        ? { dropAfterCommands: next.dropAfterCommands }
        : {}),
      ...(next.bannerDelayMs !== undefined ? { bannerDelayMs: next.bannerDelayMs } : {}),
      ...(hang ? { hangOnCommand: hang } : {}),
      ...(reject ? { rejectCommand: reject } : {}),
    };
  }

  /** The faults in force (for the control surface). */
  currentFaults(): FaultSpec {
    return { ...this.faults };
  }

  rotateHostKey(): void {
    this.ownKeys = { modern: generateHostKey('ed25519') };
    this.ssh = undefined;
  }

  sessions(): readonly SessionRecord[] {
    return this.log.all();
  }

  activeSessions(): number {
    return this.log.active();
  }

  private hostKey(): HostKey {
    if (this.faults.legacyOnly) {
      if (!this.ownKeys) return this.options.keys.legacy();
      return (this.ownKeys.legacy ??= generateHostKey('rsa'));
    }
    return this.ownKeys?.modern ?? this.options.keys.modern;
  }

  /** The ssh2 server used for new connections, built lazily (idle devices cost no ssh2 state). */
  private sshServer(): SshServer {
    if (this.ssh) return this.ssh;
    const server = new SshServer({
      hostKeys: [{ key: this.hostKey().serverKey }],
      ident: this.options.personality.sshIdent,
      ...(this.options.personality.preAuthBanner !== undefined
        ? { banner: this.options.personality.preAuthBanner }
        : {}),
      ...(this.faults.legacyOnly ? { algorithms: LEGACY_ALGORITHMS } : {}),
    });
    server.on('connection', (conn, info) => {
      const socket = [...this.sockets].find(
        (s) => s.remotePort === info.port && s.remoteAddress === info.ip,
      );
      if (socket) serveConnection(conn, socket, this.connectionHost());
    });
    this.ssh = server;
    return server;
  }

  private accept(socket: Socket): void {
    // Nagle's algorithm makes ssh2 handshakes ~25x slower on loopback.
    socket.setNoDelay(true);
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    this.sshServer().injectSocket(socket);
  }

  private connectionHost(): ConnectionHost {
    return {
      authenticate: (username, password) => {
        if (this.authFailuresLeft > 0) {
          this.authFailuresLeft -= 1;
          return false;
        }
        return username === this.username && password === this.password;
      },
      openSession: (username) => this.log.opened(this.options.nextSessionId(), username),
      closeSession: (record) => this.log.close(record),
      ...(this.enableSecret !== undefined ? { enableSecret: this.enableSecret } : {}),
      openCli: (info) => this.state.openSession(info),
      sessionFaults: () => this.compiled,
    };
  }
}
