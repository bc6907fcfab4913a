import { deviceKey as toDeviceKey, FailureCode, type Platform } from '@fleetpush/domain';
import { CliDriver } from './cli-driver';
import { CliOperations, type OperationTimeouts } from './cli-operations';
import {
  type CallOptions,
  type CommandOutput,
  type ConfigureResult,
  type DeviceSession,
  type SessionCapabilities,
} from './device-session';
import { SshError, UnsupportedOperationError, withSessionContext } from './errors';
import { profileFor } from './profiles/profile-registry';
import { type PlatformProfile } from './profiles/platform-profile';
import {
  resolveSessionOptions,
  type ResolvedSessionOptions,
  type SessionOptions,
} from './session-options';
import { type SessionTarget } from './session-target';
import { ShellChannel } from './shell-channel';
import { SshConnection } from './ssh-connection';
import { type TranscriptSnapshot } from './transcript';

/** After `end()`, how long the device gets to close before the socket is destroyed. */
const CLOSE_GRACE_MS = 1_000;
/** Discarding a pending candidate at close must not hold the caller up for long. */
const CLOSE_DISCARD_MS = 5_000;

/** The {@link DeviceSession} over ssh2 (see {@link openSession}). */
export class SshDeviceSession implements DeviceSession {
  readonly platform: Platform;
  readonly capabilities: SessionCapabilities;
  private readonly profile: PlatformProfile;
  private readonly options: ResolvedSessionOptions;
  private readonly deviceKey: string;
  private readonly conn: SshConnection;
  private readonly channel: ShellChannel;
  private readonly driver: CliDriver;
  private readonly ops: CliOperations;
  private learnedPrompt = '';
  private linesSent = 0;
  private committing = false;
  private failure: SshError | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private inFlight = 0;
  private closing: Promise<void> | undefined;
  private rejectKilled: (error: SshError) => void = () => undefined;
  private readonly killed: Promise<never>;
  private readonly onAbort = (): void =>
    this.kill(new SshError(FailureCode.aborted, `${this.deviceKey}: aborted`));

  private constructor(
    private readonly target: SessionTarget,
    options: SessionOptions,
  ) {
    this.platform = target.platform;
    this.profile = profileFor(target.platform);
    this.options = resolveSessionOptions(options);
    this.deviceKey = toDeviceKey(target.host, target.port);
    this.capabilities = {
      candidate: this.profile.candidate !== undefined,
      save: this.profile.save !== undefined,
      configMode: this.profile.config !== undefined,
    };
    this.conn = new SshConnection(target, {
      deviceKey: this.deviceKey,
      keepaliveIntervalMs: this.options.keepaliveIntervalMs,
    });
    this.channel = new ShellChannel({
      write: (text) => this.conn.shell.write(text),
      secrets: [
        target.auth.password,
        target.auth.passphrase,
        target.enableSecret,
        ...this.options.extraSecrets,
      ],
      transcriptMaxBytes: this.options.transcriptMaxBytes,
      onLine: this.options.onLine,
      pagers: this.profile.pagerPrompts,
    });
    this.driver = new CliDriver(this.channel, this.profile);
    this.ops = new CliOperations(
      this.driver,
      this.profile,
      (t) => this.channel.redact(t),
      target.auth.password,
    );
    this.killed = new Promise<never>((_, reject) => (this.rejectKilled = reject));
    this.killed.catch(() => undefined);
  }

  /** Connects, logs in, learns the prompt, enables and turns paging off. */
  static async open(
    target: SessionTarget,
    options: SessionOptions = {},
  ): Promise<SshDeviceSession> {
    const session = new SshDeviceSession(target, options);
    await session.start();
    return session;
  }

  get prompt(): string {
    return this.learnedPrompt;
  }

  get hostKeyFingerprint(): string {
    return this.conn.fingerprint;
  }

  get configLinesSent(): number {
    return this.linesSent;
  }

  exec(commands: readonly string[], opts?: CallOptions): Promise<CommandOutput[]> {
    return this.enqueue(async () => {
      const outputs: CommandOutput[] = [];
      for (const command of checkLines(commands)) {
        outputs.push(
          await this.ops.exec(command, opts?.timeoutMs ?? this.options.commandTimeoutMs),
        );
      }
      return outputs;
    });
  }

  configure(lines: readonly string[], opts?: CallOptions): Promise<ConfigureResult> {
    return this.enqueue(async () => {
      const work = checkLines(lines).filter((l) => l.trim() !== '');
      const outputs = await this.ops.configure(
        work,
        this.timeouts(opts),
        () => (this.linesSent += 1),
      );
      return { linesSent: work.length, outputs, candidatePending: this.ops.candidatePending };
    });
  }

  commit(opts?: CallOptions): Promise<string> {
    return this.enqueue(() =>
      this.committingDo(() =>
        this.ops.commit(this.candidateCommand('commit'), this.timeouts(opts, true)),
      ),
    );
  }

  commitConfirmed(seconds: number, opts?: CallOptions): Promise<string> {
    return this.enqueue(() =>
      this.committingDo(() =>
        this.ops.commit(this.ops.commitConfirmedCommand(seconds), this.timeouts(opts, true)),
      ),
    );
  }

  confirm(opts?: CallOptions): Promise<string> {
    return this.enqueue(() =>
      this.committingDo(() =>
        this.ops.commit(this.candidateCommand('confirm'), this.timeouts(opts, true)),
      ),
    );
  }

  discard(opts?: CallOptions): Promise<void> {
    return this.enqueue(() => this.ops.discard(this.timeouts(opts)));
  }

  save(opts?: CallOptions): Promise<string> {
    return this.enqueue(() => this.committingDo(() => this.ops.save(this.timeouts(opts, true))));
  }

  transcript(): TranscriptSnapshot {
    return this.channel.transcript();
  }

  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async start(): Promise<void> {
    const signal = this.options.signal;
    if (signal?.aborted === true)
      throw new SshError(FailureCode.aborted, `${this.deviceKey}: aborted before connecting`);
    signal?.addEventListener('abort', this.onAbort, { once: true });
    const deadline = Date.now() + this.options.connectTimeoutMs;
    const timer = setTimeout(
      () =>
        this.kill(
          new SshError(
            FailureCode.connection_timeout,
            `${this.deviceKey}: no usable prompt within ${this.options.connectTimeoutMs} ms`,
          ),
        ),
      this.options.connectTimeoutMs,
    );
    try {
      await Promise.race([this.conn.open(), this.killed]);
      this.wireShell();
      const learned = await this.driver.learn(deadline, {
        username: this.target.username,
        password: this.target.auth.password,
      });
      this.learnedPrompt = learned.line;
      await this.ops.enableIfNeeded(
        this.target.enableSecret ?? this.target.auth.password,
        this.options.commandTimeoutMs,
      );
      await this.ops.disablePaging(this.options.commandTimeoutMs);
    } catch (error) {
      const failure = this.failure ?? this.normalise(error);
      this.kill(failure);
      await this.conn.whenClosed();
      signal?.removeEventListener('abort', this.onAbort);
      throw failure;
    } finally {
      clearTimeout(timer);
    }
  }

  private wireShell(): void {
    const shell = this.conn.shell;
    shell.on('data', (data: Buffer) => this.channel.receive(data));
    shell.stderr.on('data', (data: Buffer) => this.channel.receive(data));
    const dropped = (): void => {
      if (this.closing === undefined) {
        this.kill(
          new SshError(
            FailureCode.session_dropped,
            `${this.deviceKey}: the device closed the session`,
          ),
        );
      }
    };
    shell.on('close', dropped);
    this.conn.client.on('close', dropped);
    this.conn.client.on('error', (error: unknown) => {
      if (this.closing === undefined) this.kill(this.normalise(error, FailureCode.session_dropped));
    });
  }

  private candidateCommand(kind: 'commit' | 'confirm'): string {
    const candidate = this.profile.candidate;
    if (candidate === undefined) throw new UnsupportedOperationError(kind, this.platform);
    return kind === 'commit' ? candidate.commit : candidate.confirm;
  }

  private async committingDo<T>(fn: () => Promise<T>): Promise<T> {
    this.committing = true;
    try {
      return await fn();
    } finally {
      this.committing = false;
    }
  }

  private timeouts(opts: CallOptions | undefined, commit = false): OperationTimeouts {
    const commandMs = commit
      ? this.options.commandTimeoutMs
      : (opts?.timeoutMs ?? this.options.commandTimeoutMs);
    const commitMs = opts?.timeoutMs ?? this.options.commitTimeoutMs;
    return { commandMs, commitMs };
  }

  /** Serialises calls; a transport failure ends the session for every later call. */
  private enqueue<T>(fn: () => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      if (this.failure !== undefined) throw this.withContext(this.failure);
      if (this.closing !== undefined)
        throw new SshError(FailureCode.aborted, `${this.deviceKey}: the session is closed`);
      this.inFlight += 1;
      try {
        return await fn();
      } catch (error) {
        throw this.onCallFailed(error);
      } finally {
        this.inFlight -= 1;
      }
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private onCallFailed(error: unknown): SshError {
    const failure = this.withContext(this.failure ?? this.normalise(error));
    const deviceAnswered =
      failure.code === FailureCode.command_error || failure instanceof UnsupportedOperationError;
    if (!deviceAnswered) this.kill(failure);
    return failure;
  }

  private withContext(error: SshError): SshError {
    return withSessionContext(error, {
      deviceKey: this.deviceKey,
      configLinesSent: this.linesSent,
      duringCommit: this.committing,
    });
  }

  private normalise(error: unknown, fallback: FailureCode = FailureCode.internal_error): SshError {
    if (error instanceof SshError) return error;
    const message = error instanceof Error ? error.message : String(error);
    return new SshError(fallback, `${this.deviceKey}: ${this.channel.redact(message)}`, {
      cause: error,
    });
  }

  /** Fails the session at once: the socket is destroyed, waits reject with `error`. */
  private kill(error: SshError): void {
    this.failure ??= error;
    this.rejectKilled(this.failure);
    this.channel.fail(this.failure);
    this.conn.destroy();
    this.channel.finish();
  }

  private async shutdown(): Promise<void> {
    if (this.inFlight > 0) {
      this.kill(
        new SshError(FailureCode.aborted, `${this.deviceKey}: closed while a call was in flight`),
      );
    } else if (this.failure === undefined && this.ops.candidatePending) {
      const ms = Math.min(this.options.commandTimeoutMs, CLOSE_DISCARD_MS);
      await this.ops.discard({ commandMs: ms, commitMs: ms }).catch(() => undefined);
    }
    this.conn.end();
    const grace = setTimeout(() => this.conn.destroy(), CLOSE_GRACE_MS);
    await this.conn.whenClosed();
    clearTimeout(grace);
    this.channel.finish();
    this.options.signal?.removeEventListener('abort', this.onAbort);
  }
}

/** Refuses lines with CR/LF or other control characters: they would smuggle a second command. */
function checkLines(lines: readonly string[]): readonly string[] {
  for (const line of lines) {
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    if (/[\x00-\x08\x0a-\x1f\x7f]/.test(line)) {
      throw new SshError(
        FailureCode.internal_error,
        'a command line contains a control character (CR/LF?)',
      );
    }
  }
  return lines;
}
