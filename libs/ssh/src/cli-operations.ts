import { FailureCode } from '@fleetpush/domain';
import { type AutoAnswer, type CliDriver, type RunOutcome } from './cli-driver';
import { type CommandOutput } from './device-session';
import { findRejection } from './error-matcher';
import { ConfigLineError, SshError, UnsupportedOperationError } from './errors';
import {
  CliMode,
  type CandidateSpec,
  type ConfigModeSpec,
  type PlatformProfile,
  type PromptAnswer,
  type SaveSpec,
} from './profiles/platform-profile';

/** A command's response reduced to what callers need. */
interface Response {
  readonly lines: readonly string[];
  /** The rejection (error line or unanswerable question), if any. */
  readonly rejection: string | undefined;
}

/** Interrupts a question that must not be answered again (a wrong sudo password). */
const CTRL_C: PromptAnswer = { question: /$^/, answer: '\x03', newline: false };

/** Timeouts of one operation. */
export interface OperationTimeouts {
  readonly commandMs: number;
  readonly commitMs: number;
}

/** Called just before each config line is sent (counting lines that may change config). */
export type LineSentHook = (line: string) => void;

/**
 * The platform-independent CLI workflows, driven by the profile's data: enable, paging,
 * config mode in and out, line-by-line configuration with error checks, candidate commit /
 * confirm / discard, save. Knows nothing about the transport.
 */
export class CliOperations {
  constructor(
    private readonly driver: CliDriver,
    private readonly profile: PlatformProfile,
    private readonly redact: (text: string) => string,
    private readonly password: string | undefined,
  ) {}

  /** Enters privileged mode with the enable secret when the login landed unprivileged. */
  async enableIfNeeded(secret: string | undefined, timeoutMs: number): Promise<void> {
    const spec = this.profile.enable;
    if (this.driver.mode !== CliMode.unprivileged || spec === undefined) return;
    const ask: AutoAnswer = {
      question: spec.passwordPrompt,
      answer: secret ?? '',
      newline: true,
      once: true,
    };
    const outcome = await this.driver.run(spec.command, {
      timeoutMs,
      answers: secret === undefined ? [] : [ask],
      stopAt: secret === undefined ? [ask] : [],
    });
    if (outcome.kind === 'question' || outcome.mode !== CliMode.privileged) {
      throw new SshError(
        FailureCode.auth_failed,
        'enable was refused (wrong or missing enable secret)',
      );
    }
  }

  /** Turns paging off; rejections are ignored where the profile says images lack a command. */
  async disablePaging(timeoutMs: number): Promise<void> {
    for (const command of this.profile.pagingCommands) {
      const response = await this.command(command, timeoutMs, this.profile.errorPatterns);
      if (response.rejection !== undefined && !this.profile.pagingErrorsTolerated) {
        throw new SshError(
          FailureCode.command_error,
          `"${command}" was rejected: ${response.rejection}`,
        );
      }
    }
  }

  /** Runs an exec command (prefixed to run from config mode while a candidate is pending). */
  async exec(command: string, timeoutMs: number): Promise<CommandOutput> {
    const started = Date.now();
    const prefix =
      this.driver.mode === CliMode.config ? (this.profile.config?.execPrefix ?? '') : '';
    const response = await this.command(prefix + command, timeoutMs, this.profile.errorPatterns);
    return this.output(command, response, started);
  }

  /** Sends config lines one at a time; throws {@link ConfigLineError} at the first rejection. */
  async configure(
    lines: readonly string[],
    timeouts: OperationTimeouts,
    onLineSent: LineSentHook,
  ): Promise<CommandOutput[]> {
    const config = this.profile.config;
    if (config !== undefined && this.driver.mode !== CliMode.config)
      await this.enterConfig(config, timeouts);
    const outputs: CommandOutput[] = [];
    for (const [index, line] of lines.entries()) {
      const host = this.profile.hostnameCommand?.exec(line)?.[1];
      if (host !== undefined) this.driver.matcher.addHost(host);
      const started = Date.now();
      onLineSent(line);
      const response = await this.command(line, timeouts.commandMs, this.profile.errorPatterns);
      if (response.rejection !== undefined) {
        await this.abandon(timeouts);
        throw this.rejected(line, index, response, lines.slice(0, index));
      }
      outputs.push(this.output(line, response, started));
      const more = index < lines.length - 1;
      if (config !== undefined && more && this.driver.mode !== CliMode.config) {
        // A line left config mode (`end`, `exit` at the top level): go back for the rest.
        await this.enterConfig(config, timeouts);
      }
    }
    if (config !== undefined && this.profile.candidate === undefined)
      await this.leaveConfig(timeouts);
    return outputs;
  }

  /** Whether a candidate is waiting (candidate platforms, still in config mode). */
  get candidatePending(): boolean {
    return this.profile.candidate !== undefined && this.driver.mode === CliMode.config;
  }

  /** Commits (or confirms) the candidate and leaves config mode. */
  async commit(command: string, timeouts: OperationTimeouts): Promise<string> {
    const candidate = this.requireCandidate('commit');
    const config = this.requireConfig();
    if (this.driver.mode !== CliMode.config) await this.enterConfig(config, timeouts);
    const response = await this.command(
      command,
      timeouts.commitMs,
      candidate.commitErrorPatterns,
      candidate.answers,
    );
    if (response.rejection !== undefined) {
      await this.abandon(timeouts);
      throw this.rejected(command, -1, response, []);
    }
    await this.leaveConfig(timeouts);
    return this.redact(response.lines.join('\n'));
  }

  /** The `commit confirmed` command for a rollback window of `seconds`. */
  commitConfirmedCommand(seconds: number): string {
    const spec = this.requireCandidate('commitConfirmed').commitConfirmed;
    if (!Number.isFinite(seconds) || seconds <= 0) {
      throw new SshError(
        FailureCode.internal_error,
        `commit confirmed needs a positive duration, got ${seconds}`,
      );
    }
    const raw = spec.unit === 'minutes' ? Math.ceil(seconds / 60) : Math.ceil(seconds);
    const value = Math.max(spec.min, raw);
    if (value > spec.max) {
      throw new SshError(
        FailureCode.internal_error,
        `commit confirmed ${value} ${spec.unit} exceeds the ${this.profile.platform} maximum of ${spec.max}`,
      );
    }
    return spec.template.replace('{value}', String(value));
  }

  /** Discards the candidate and leaves config mode (no-op when nothing is pending). */
  async discard(timeouts: OperationTimeouts): Promise<void> {
    const candidate = this.requireCandidate('discard');
    if (this.driver.mode !== CliMode.config) return;
    for (const command of candidate.discard) {
      if (this.driver.mode !== CliMode.config) break;
      await this.command(command, timeouts.commandMs, [], candidate.answers);
    }
    if (this.driver.mode === CliMode.config) await this.leaveConfig(timeouts);
  }

  /** Saves the running configuration. */
  async save(timeouts: OperationTimeouts): Promise<string> {
    const spec: SaveSpec | undefined = this.profile.save;
    if (spec === undefined) throw new UnsupportedOperationError('save', this.profile.platform);
    if (this.driver.mode === CliMode.config) await this.leaveConfig(timeouts);
    const response = await this.command(
      spec.command,
      timeouts.commitMs,
      spec.errorPatterns,
      spec.answers,
    );
    if (response.rejection !== undefined) throw this.rejected(spec.command, -1, response, []);
    return this.redact(response.lines.join('\n'));
  }

  /** Leaves config mode after a failure: discards a candidate, else just exits. */
  async abandon(timeouts: OperationTimeouts): Promise<void> {
    if (this.driver.mode !== CliMode.config) return;
    if (this.profile.candidate !== undefined) await this.discard(timeouts);
    else await this.leaveConfig(timeouts);
  }

  private async enterConfig(config: ConfigModeSpec, timeouts: OperationTimeouts): Promise<void> {
    const response = await this.command(
      config.enter,
      timeouts.commandMs,
      this.profile.errorPatterns,
    );
    if (response.rejection !== undefined || this.driver.mode !== CliMode.config) {
      const why = response.rejection ?? `still in ${this.driver.mode} mode`;
      throw this.rejected(config.enter, -1, { ...response, rejection: why }, []);
    }
  }

  private async leaveConfig(timeouts: OperationTimeouts): Promise<void> {
    const config = this.requireConfig();
    const answers = this.profile.candidate?.answers ?? [];
    const response = await this.command(config.exit, timeouts.commandMs, [], answers);
    if (this.driver.mode === CliMode.config) {
      throw this.rejected(config.exit, -1, { ...response, rejection: 'still in config mode' }, []);
    }
  }

  /** Runs a command; a question in `stopAt` is declined and counts as a rejection. */
  private async command(
    command: string,
    timeoutMs: number,
    errorPatterns: readonly RegExp[],
    answers: readonly AutoAnswer[] = [],
  ): Promise<Response> {
    const stopAt: readonly PromptAnswer[] = this.profile.configQuestions;
    const all = [...answers, ...this.passwordAnswers()];
    const outcome: RunOutcome = await this.driver.run(command, { timeoutMs, answers: all, stopAt });
    if (outcome.kind === 'question') {
      const decline = (outcome.question as AutoAnswer).decline ?? outcome.question;
      await this.driver.answerAndWait(decline, timeoutMs);
      return { lines: [outcome.text], rejection: `the device asked: ${outcome.text}` };
    }
    return { lines: outcome.lines, rejection: findRejection(errorPatterns, outcome.lines)?.line };
  }

  /** `sudo`-style password questions, answered once; asked again means a wrong password. */
  private passwordAnswers(): AutoAnswer[] {
    if (this.password === undefined) return [];
    return this.profile.passwordQuestions.map((question) => ({
      question,
      answer: this.password ?? '',
      newline: true,
      once: true,
      decline: CTRL_C,
    }));
  }

  private output(command: string, response: Response, started: number): CommandOutput {
    const base = {
      command,
      output: this.redact(response.lines.join('\n')),
      durationMs: Date.now() - started,
    };
    return response.rejection === undefined
      ? base
      : { ...base, rejected: this.redact(response.rejection) };
  }

  private rejected(
    line: string,
    lineIndex: number,
    response: Response,
    accepted: readonly string[],
  ): ConfigLineError {
    const matchedText = this.redact(response.rejection ?? '');
    const shown = this.redact(line);
    return new ConfigLineError(`the device rejected "${shown}": ${matchedText}`, {
      line: shown,
      lineIndex,
      matchedText,
      response: this.redact(response.lines.join('\n')),
      linesAccepted: accepted.map((l) => this.redact(l)),
    });
  }

  private requireCandidate(operation: string): CandidateSpec {
    const candidate = this.profile.candidate;
    if (candidate === undefined)
      throw new UnsupportedOperationError(operation, this.profile.platform);
    return candidate;
  }

  private requireConfig(): ConfigModeSpec {
    const config = this.profile.config;
    if (config === undefined)
      throw new UnsupportedOperationError('config mode', this.profile.platform);
    return config;
  }
}
