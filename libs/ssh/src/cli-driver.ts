import { FailureCode } from '@fleetpush/domain';
import { SshError } from './errors';
import { PromptLearner, type LearnStep } from './prompt-learner';
import { PromptMatcher, type LearnedPrompt } from './prompt-matcher';
import { CliMode, type PlatformProfile, type PromptAnswer } from './profiles/platform-profile';
import { frameResponse } from './response-framing';
import { TIMED_OUT, type ShellChannel } from './shell-channel';

/** A question answered automatically while a command runs. */
export interface AutoAnswer extends PromptAnswer {
  /** Answer at most once; asked again, the command stops with a `question` outcome. */
  readonly once?: boolean;
  /** What declines the question when it cannot be answered again (default: `answer`). */
  readonly decline?: PromptAnswer;
}

/** How to run one command. */
export interface RunOptions {
  readonly timeoutMs: number;
  readonly answers?: readonly AutoAnswer[];
  /** Questions that stop the command instead (a config line asking for confirmation). */
  readonly stopAt?: readonly PromptAnswer[];
}

/** How a command ended. */
export type RunOutcome =
  | { readonly kind: 'prompt'; readonly lines: readonly string[]; readonly mode: CliMode }
  | { readonly kind: 'question'; readonly question: PromptAnswer; readonly text: string };

/** Without any output for this long at login, press Enter (devices that wait for a key). */
const LOGIN_NUDGE_MS = 2_000;

/**
 * Drives a platform's CLI over a {@link ShellChannel}: learns the prompt at login, then runs
 * one command at a time, answering the questions it is told to, until this device's prompt
 * is back after the command's echo. Tracks the CLI mode from each prompt.
 */
export class CliDriver {
  private promptMatcher: PromptMatcher | undefined;
  private currentMode: CliMode = CliMode.privileged;

  constructor(
    private readonly channel: ShellChannel,
    private readonly profile: PlatformProfile,
  ) {}

  /** The mode the last prompt showed. */
  get mode(): CliMode {
    return this.currentMode;
  }

  /** The prompt matcher (after {@link learn}). */
  get matcher(): PromptMatcher {
    if (this.promptMatcher === undefined) throw new Error('CliDriver: prompt not learned yet');
    return this.promptMatcher;
  }

  /** Waits for the first prompt (answering in-band login questions) until `deadline`. */
  async learn(
    deadline: number,
    credentials: { readonly username: string; readonly password?: string },
  ): Promise<LearnedPrompt> {
    const learner = new PromptLearner(this.profile, credentials);
    const screen = this.channel.screen;
    let learned: LearnedPrompt | undefined;
    const act = (step: LearnStep): boolean => {
      if (step.kind === 'send') this.channel.send(step.text);
      if (step.kind === 'auth_failed') throw new SshError(FailureCode.auth_failed, step.reason);
      if (step.kind === 'learned') learned = step.prompt;
      return learned !== undefined;
    };
    while (learned === undefined) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw this.loginTimeout();
      const r = await this.channel.waitFor(
        () => act(learner.observe(screen)),
        Math.min(remaining, LOGIN_NUDGE_MS),
      );
      if (r === TIMED_OUT && learned === undefined && Date.now() < deadline)
        act(learner.nudge(screen));
    }
    this.promptMatcher = new PromptMatcher(this.profile, learned);
    this.currentMode = learned.mode;
    return learned;
  }

  /** Runs one command line and waits for the prompt (or a stopping question). */
  async run(command: string, options: RunOptions): Promise<RunOutcome> {
    const matcher = this.matcher;
    const screen = this.channel.screen;
    screen.resetCommitted();
    const state = new RunState(matcher);
    let outcome: RunOutcome | undefined;
    const check = (): boolean => {
      if (!state.echoSeen(screen.committed)) return false;
      const partial = screen.partial;
      const prompt = matcher.matchLine(partial);
      if (prompt !== undefined) {
        const framed = frameResponse(screen.committed, matcher, this.profile.prompt.preamble);
        outcome = { kind: 'prompt', lines: framed.lines, mode: prompt.mode };
        return true;
      }
      const stop = this.questionAt(partial, screen.lineCount, options, state);
      if (stop !== undefined) outcome = stop;
      return outcome !== undefined;
    };
    this.channel.send(`${command}\n`);
    const r = await this.channel.waitFor(check, options.timeoutMs);
    if (r === TIMED_OUT || outcome === undefined)
      throw this.commandTimeout(command, options.timeoutMs);
    if (outcome.kind === 'prompt') this.currentMode = outcome.mode;
    return outcome;
  }

  /** Sends a bare answer (declining a question) and waits for the prompt. */
  async answerAndWait(answer: PromptAnswer, timeoutMs: number): Promise<CliMode> {
    const screen = this.channel.screen;
    const lines = screen.lineCount;
    this.channel.send(answer.answer + (answer.newline ? '\n' : ''));
    const matched = await this.channel.waitFor(
      () => screen.lineCount > lines && this.matcher.matchLine(screen.partial) !== undefined,
      timeoutMs,
    );
    if (matched === TIMED_OUT) throw this.commandTimeout(`(answer to a question)`, timeoutMs);
    this.currentMode = this.matcher.matchLine(screen.partial)?.mode ?? this.currentMode;
    return this.currentMode;
  }

  private questionAt(
    partial: string,
    lineCount: number,
    options: RunOptions,
    state: RunState,
  ): RunOutcome | undefined {
    const text = partial.trimEnd();
    const stop = options.stopAt?.find((q) => q.question.test(partial));
    if (stop !== undefined) return { kind: 'question', question: stop, text };
    const answer = options.answers?.find((q) => q.question.test(partial));
    if (answer === undefined || state.justAnswered(lineCount)) return undefined;
    if (answer.once === true && state.answeredBefore(answer)) {
      return { kind: 'question', question: answer, text };
    }
    state.recordAnswer(answer, lineCount);
    this.channel.send(answer.answer + (answer.newline ? '\n' : ''));
    return undefined;
  }

  private commandTimeout(command: string, timeoutMs: number): SshError {
    const last = this.channel.redact(this.channel.screen.partial.trimEnd()).slice(-120);
    return new SshError(
      FailureCode.command_timeout,
      `no prompt within ${timeoutMs} ms after ${JSON.stringify(this.channel.redact(command))}` +
        ` (last line: ${JSON.stringify(last)})`,
    );
  }

  private loginTimeout(): SshError {
    const last = this.channel.redact(this.channel.screen.partial.trimEnd()).slice(-120);
    return new SshError(
      FailureCode.connection_timeout,
      `no ${this.profile.platform} prompt recognised before the connect deadline (last line: ${JSON.stringify(last)})`,
    );
  }
}

/** Per-command bookkeeping: where the echo is, which questions were answered. */
class RunState {
  private scanned = 0;
  private echo = false;
  private readonly answered = new Set<PromptAnswer>();
  private lastAnswer: { lineCount: number } | undefined;

  constructor(private readonly matcher: PromptMatcher) {}

  /** Scans newly completed lines for the echo (prompt + non-empty command text). */
  echoSeen(committed: string): boolean {
    while (!this.echo) {
      const nl = committed.indexOf('\n', this.scanned);
      if (nl === -1) return false;
      const line = committed.slice(this.scanned, nl);
      this.scanned = nl + 1;
      const prompt = this.matcher.matchPrefix(line);
      this.echo = prompt !== undefined && line.slice(prompt.length).trim() !== '';
    }
    return true;
  }

  /** Still on the line of the last answered question (the rest of it may still be arriving). */
  justAnswered(lineCount: number): boolean {
    return this.lastAnswer?.lineCount === lineCount;
  }

  answeredBefore(answer: PromptAnswer): boolean {
    return this.answered.has(answer);
  }

  recordAnswer(answer: PromptAnswer, lineCount: number): void {
    this.answered.add(answer);
    this.lastAnswer = { lineCount };
  }
}
