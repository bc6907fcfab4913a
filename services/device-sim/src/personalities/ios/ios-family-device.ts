import type { CliPersonality } from '../../cli/cli-personality';
import { ConfirmedCommit } from '../confirmed-commit';
import type { DeviceInit, Personality, PersonalityDevice, SessionInfo } from '../personality';
import { type ConfigFrame, IosConfig } from './ios-config';
import type { DeviceView, IosDialect } from './ios-dialect';
import { IosFamilySession } from './ios-family-session';

/** A config line waiting in an IOS-XR candidate, with where and by whom it was typed. */
export interface PendingLine {
  /** The line with keywords expanded. */
  readonly line: string;
  /** The line as typed (trimmed), for the ledger. */
  readonly typed: string;
  readonly context: readonly ConfigFrame[];
  readonly sessionId: number;
}

/** Who is changing the configuration. */
export interface Author {
  readonly sessionId: number;
  readonly username: string;
}

/** The shared state of one IOS-style device: running config, save state, trial commits. */
export class IosFamilyDevice implements PersonalityDevice {
  config: IosConfig;
  readonly view: DeviceView;
  readonly confirmed: ConfirmedCommit;
  private savedText: string;
  private saved: IosConfig;
  private changed: { at: Date; by: string } | undefined;
  private readonly bootedAt: Date;

  constructor(
    readonly dialect: IosDialect,
    readonly init: DeviceInit,
  ) {
    this.config = IosConfig.parse(dialect.rules, dialect.initialConfig(init));
    this.savedText = this.body();
    this.saved = this.config.clone();
    this.bootedAt = init.now();
    this.confirmed = new ConfirmedCommit(
      init.timers,
      init.ledger,
      'rollback: commit confirmed not confirmed in time',
    );
    this.view = this.makeView();
  }

  hostname(): string {
    const line = this.config.findTop(/^hostname \S/);
    return line ? line.text.slice('hostname '.length).trim() : this.dialect.defaultHostname;
  }

  runningConfig(): string {
    return this.dialect.showRunning(this.view);
  }

  openSession(info: SessionInfo): CliPersonality {
    return new IosFamilySession(this, info);
  }

  /** Applies one line to the running config and records it (non-candidate platforms). */
  apply(
    context: readonly ConfigFrame[],
    line: string,
    typed: string,
    author: Author,
  ): ConfigFrame[] {
    const { next, appliedAt } = this.config.apply(context, line, typed);
    this.init.ledger.recordApply(
      typed,
      appliedAt.map((f) => f.typed),
      author.sessionId,
    );
    this.changed = { at: this.init.now(), by: author.username };
    return next;
  }

  /**
   * Commits candidate lines: replays them onto the running config (so concurrent sessions'
   * commits merge, as on IOS-XR) and records each. Returns the change ids.
   */
  commit(lines: readonly PendingLine[], author: Author): number[] {
    const ids: number[] = [];
    for (const line of lines) {
      const { appliedAt } = this.config.apply(line.context, line.line, line.typed);
      const entry = this.init.ledger.recordApply(
        line.typed,
        appliedAt.map((f) => f.typed),
        line.sessionId,
      );
      ids.push(entry.changeId);
    }
    if (lines.length > 0) this.changed = { at: this.init.now(), by: author.username };
    return ids;
  }

  /** Commits as a trial that rolls back after `seconds` (scaled) unless confirmed. */
  commitConfirmed(lines: readonly PendingLine[], author: Author, seconds: number): number[] {
    const snapshot = this.config.clone();
    const ids = this.commit(lines, author);
    const ms = seconds * 1000 * this.init.confirmTimeScale();
    this.confirmed.start(ms, ids, () => (this.config = snapshot), author.sessionId);
    return ids;
  }

  /** `write memory`: the running config becomes the startup config. */
  save(): void {
    this.savedText = this.body();
    this.saved = this.config.clone();
  }

  private body(): string {
    return JSON.stringify(this.config.roots, (k, v: unknown) => (k === 'seq' ? undefined : v));
  }

  private makeView(): DeviceView {
    return {
      index: this.init.index,
      bootedAt: this.bootedAt,
      config: () => this.config,
      hostname: () => this.hostname(),
      now: () => this.init.now(),
      lastChange: () => this.changed,
      unsaved: () => this.body() !== this.savedText,
      startupConfig: () => this.saved,
    };
  }
}

/** A personality driven by the IOS-style engine and one dialect's data. */
export function iosFamilyPersonality(dialect: IosDialect): Personality {
  return {
    platform: dialect.platform,
    sshIdent: dialect.sshIdent,
    ...(dialect.preAuthBanner !== undefined ? { preAuthBanner: dialect.preAuthBanner } : {}),
    hostnamePrefix: dialect.hostnamePrefix,
    createDevice: (init) => new IosFamilyDevice(dialect, init),
  };
}
