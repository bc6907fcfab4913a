import { tokenize } from '../../cli/command-table';
import { type Reply, SILENT, say } from '../../cli/reply';
import { IosConfig, type ConfigFrame } from './ios-config';
import type { IosDialect } from './ios-dialect';
import type { Author, IosFamilyDevice, PendingLine } from './ios-family-device';

/** Default `commit confirmed` window on IOS-XR when no time is given (seconds). */
const XR_DEFAULT_CONFIRM_SECONDS = 600;
/** IOS-XR accepts `commit confirmed <30-65535>` seconds. */
const XR_MIN_CONFIRM_SECONDS = 30;
const XR_MAX_CONFIRM_SECONDS = 65535;
/** Lines with this word pass the parser but fail the commit (a semantic error), for tests. */
const SEMANTIC_FAILURE = /^bogus$/i;

const COMMIT_FAILED =
  "% Failed to commit one or more configuration items during a pseudo-atomic operation. All changes made have been reverted. Please issue 'show configuration failed [inheritance]' from this session to view the errors\n";

/** A candidate reply that may also leave config mode. */
export type CandidateReply = Reply & { readonly leave?: boolean };

/**
 * IOS-XR's per-session target configuration: lines go here, `commit` replays them onto the
 * running config, `abort` drops them, and leaving config mode with changes asks first.
 */
export class IosCandidate {
  target: IosConfig | undefined;
  private pending: PendingLine[] = [];
  private failed: PendingLine[] = [];

  constructor(
    private readonly device: IosFamilyDevice,
    private readonly author: Author,
  ) {}

  /** Entering config mode: a fresh target from the running config. */
  begin(): void {
    this.target = this.device.config.clone();
    this.pending = [];
  }

  /** Drops uncommitted lines (abort, `no` at the exit question, session end). */
  discard(): void {
    this.pending = [];
    this.target = undefined;
  }

  hasChanges(): boolean {
    return this.pending.length > 0;
  }

  /** Words that the real parser accepts but the commit rejects. */
  acceptsAtParse(word: string): boolean {
    return SEMANTIC_FAILURE.test(word);
  }

  /** Adds a parsed line to the target and returns the context after it. */
  add(context: readonly ConfigFrame[], line: string, typed: string): ConfigFrame[] {
    const target = this.target ?? (this.target = this.device.config.clone());
    const { next } = target.apply(context, line, typed);
    this.pending.push({ line, typed, context: [...context], sessionId: this.author.sessionId });
    return next;
  }

  /** Handles candidate-only commands (`commit`, `abort`, `show configuration`), else undefined. */
  command(
    text: string,
    _context: readonly ConfigFrame[],
    invalidAt: (line: string, column: number) => Reply,
  ): CandidateReply | undefined {
    const words = text.split(' ');
    if (words[0] === 'commit') return this.commit(text, words.slice(1), invalidAt);
    if (words[0] === 'abort') return { output: '', leave: true };
    if (text === 'show configuration') return say(this.renderPending(this.pending), true);
    if (text === 'show configuration failed') return say(this.renderFailed(), true);
    return undefined;
  }

  /** The question IOS-XR asks when leaving config mode with uncommitted changes. */
  askBeforeExit(exit: () => Reply, dialect: IosDialect): Reply {
    return {
      output: '',
      ask: {
        prompt: 'Uncommitted changes found, commit them before exiting(yes/no/cancel)? [cancel]:',
        answer: (given) => {
          const choice = given.trim().toLowerCase();
          if (choice === 'yes' || choice === 'y') {
            const result = this.commitNow(undefined, dialect);
            return this.hasChanges() ? result : { ...exit(), output: result.output };
          }
          if (choice === 'no' || choice === 'n') return exit();
          return SILENT;
        },
      },
    };
  }

  private commit(
    text: string,
    args: readonly string[],
    invalidAt: (line: string, column: number) => Reply,
  ): CandidateReply {
    if (args.length === 0) return this.commitNow(undefined, this.device.dialect);
    if (args[0] !== 'confirmed') return SILENT;
    let seconds = XR_DEFAULT_CONFIRM_SECONDS;
    if (args[1] === 'minutes') seconds = Number(args[2]) * 60;
    else if (args[1] !== undefined) seconds = Number(args[1]);
    const valid =
      Number.isInteger(seconds) &&
      seconds >= XR_MIN_CONFIRM_SECONDS &&
      seconds <= XR_MAX_CONFIRM_SECONDS * 60;
    if (!valid) return invalidAt(text, tokenize(text)[args[1] === 'minutes' ? 3 : 2]?.column ?? 0);
    return this.commitNow(seconds, this.device.dialect);
  }

  private commitNow(confirmSeconds: number | undefined, dialect: IosDialect): Reply {
    const stamp = dialect.stamp ? `${dialect.stamp(this.device.view.now())}\n` : '';
    if (this.pending.length === 0) {
      if (this.device.confirmed.confirm()) return say(stamp);
      return say(`${stamp}% No configuration changes to commit.\n`);
    }
    if (this.pending.some((p) => p.typed.split(/\s+/).some((w) => SEMANTIC_FAILURE.test(w)))) {
      this.failed = [...this.pending];
      return say(`${stamp}\n${COMMIT_FAILED}`);
    }
    const lines = this.pending;
    if (confirmSeconds === undefined) {
      this.device.confirmed.confirm();
      this.device.commit(lines, this.author);
    } else {
      this.device.commitConfirmed(lines, this.author, confirmSeconds);
    }
    this.begin();
    return say(stamp);
  }

  private renderPending(lines: readonly PendingLine[]): string {
    const scratch = new IosConfig(this.device.config.rules);
    for (const l of lines) scratch.apply(l.context, l.line, l.typed);
    const body = scratch.roots.flatMap((n) => [
      n.text,
      ...n.children.map((c) => ` ${c.text}`),
      '!',
    ]);
    return [
      'Building configuration...',
      `!! IOS XR Configuration ${XR_VERSION}`,
      ...body,
      'end',
      '',
    ].join('\n');
  }

  private renderFailed(): string {
    const header = [
      '!! SEMANTIC ERRORS: This configuration was rejected by ',
      '!! the system due to semantic errors. The individual ',
      '!! errors with each failed configuration command can be ',
      '!! found below.',
      '',
    ];
    const body = this.failed.flatMap((p) => {
      const bad = p.typed.split(/\s+/).find((w) => SEMANTIC_FAILURE.test(w));
      return bad ? [p.typed, `!!% Invalid argument: '${bad}' is not a valid value`] : [];
    });
    return [...header, ...body, 'end', ''].join('\n');
  }
}

/** The IOS-XR release the simulator claims. */
export const XR_VERSION = '7.9.2';
