import type { CliPersonality } from './cli-personality';
import { Pager } from './pager';
import { type Question, type Reply, replyText } from './reply';

/** Where a CLI session writes; implemented over an ssh2 channel (or a string buffer in tests). */
export interface CliChannel {
  write(text: string): void;
  /** Abrupt end: the TCP connection is destroyed without an SSH disconnect. */
  drop(): void;
  /** Orderly end of the shell (exit status, EOF, close). */
  end(exitCode: number): void;
}

/** The faults a session consults before each command (read anew each time: setFaults is live). */
export interface SessionFaults {
  readonly commandLatencyMs?: number;
  readonly hangOnCommand?: RegExp;
  readonly dropAfterCommands?: number;
  readonly rejectCommand?: RegExp;
  readonly bannerDelayMs?: number;
}

/** Options of {@link CliSession}. */
export interface CliSessionOptions {
  readonly personality: CliPersonality;
  readonly channel: CliChannel;
  readonly faults: () => SessionFaults;
}

const CTRL_C = '\x03';
const CTRL_Z = '\x1a';
const BACKSPACES = new Set(['\x7f', '\b']);

/**
 * An interactive shell as a terminal user sees it: echo of typed characters, line editing,
 * type-ahead buffered while a command runs, questions, `--More--` paging, and the fault knobs that
 * act on commands (latency, hang, drop, reject).
 */
export class CliSession {
  private pending = '';
  private lineBuf = '';
  private lastWasCr = false;
  private busy = true;
  private hung = false;
  private closed = false;
  private commands = 0;
  private question: Question | undefined;
  private pager: Pager | undefined;
  private afterPager: Reply | undefined;
  private out = '';
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly options: CliSessionOptions) {}

  private get cli(): CliPersonality {
    return this.options.personality;
  }

  /** Sends the greeting and the first prompt (after the `bannerDelayMs` fault, if any). */
  start(): void {
    this.after(this.options.faults().bannerDelayMs ?? 0, () => {
      this.emit(this.cli.greeting() + this.cli.prompt());
      this.busy = false;
      this.pump();
    });
  }

  /** Feeds what the client typed. */
  input(data: string): void {
    if (this.closed) return;
    this.pending += data;
    this.pump();
  }

  /** The connection went away: cancel timers and release per-session state. Idempotent. */
  dispose(): void {
    if (this.closed) return;
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.cli.dispose();
  }

  private pump(): void {
    let i = 0;
    while (i < this.pending.length && !this.blocked()) {
      const ch = this.pending[i++] ?? '';
      if (this.pager) this.pagerKey(ch);
      else this.key(ch);
    }
    this.pending = this.pending.slice(i);
    this.flush();
  }

  private blocked(): boolean {
    return this.busy || this.hung || this.closed;
  }

  private key(ch: string): void {
    const cr = this.lastWasCr;
    this.lastWasCr = ch === '\r';
    if (ch === '\n' && cr) return;
    if (ch === '\r' || ch === '\n') return this.enter();
    if (BACKSPACES.has(ch)) return this.backspace();
    if (ch === CTRL_C || ch === CTRL_Z) return this.controlKey(ch);
    if (ch < ' ' && ch !== '\t') return;
    this.lineBuf += ch;
    if (!this.question?.hidden) this.out += ch;
  }

  private backspace(): void {
    if (this.lineBuf === '') return;
    this.lineBuf = this.lineBuf.slice(0, -1);
    if (!this.question?.hidden) this.out += '\b \b';
  }

  private controlKey(ch: string): void {
    this.lineBuf = '';
    this.question = undefined;
    const reply = this.cli.control(ch === CTRL_C ? 'ctrl-c' : 'ctrl-z');
    this.out += ch === CTRL_C ? '^C' : '^Z';
    this.out += this.cli.eol;
    this.render(reply);
  }

  private enter(): void {
    const line = this.lineBuf;
    this.lineBuf = '';
    this.out += this.cli.eol;
    const question = this.question;
    if (question) {
      this.question = undefined;
      this.render(question.answer(line));
      return;
    }
    this.command(line);
  }

  private command(line: string): void {
    const faults = this.options.faults();
    if (line.trim() !== '') {
      this.commands += 1;
      const limit = faults.dropAfterCommands;
      if (limit !== undefined && this.commands > limit) return this.drop();
      if (faults.hangOnCommand?.test(line)) {
        this.hung = true;
        return;
      }
    }
    const reply = faults.rejectCommand?.test(line) ? this.cli.reject(line) : this.cli.execute(line);
    const latency = faults.commandLatencyMs ?? 0;
    if (latency <= 0) return this.render(reply);
    this.busy = true;
    this.flush();
    this.after(latency, () => {
      this.busy = false;
      this.render(reply);
      this.pump();
    });
  }

  private drop(): void {
    this.flush();
    this.closed = true;
    this.options.channel.drop();
    this.dispose();
  }

  private render(reply: Reply): void {
    const lines = this.toLines(replyText(reply));
    const pageLength = this.cli.pageLength();
    if (reply.paged && pageLength > 1 && lines.length >= pageLength) {
      this.pager = new Pager(lines, pageLength - 1, this.cli.pager);
      this.out += this.pager.firstPage(this.cli.eol);
      this.afterPager = reply;
      return;
    }
    for (const l of lines) this.out += l + this.cli.eol;
    this.finish(reply);
  }

  private pagerKey(ch: string): void {
    const pager = this.pager;
    if (!pager) return;
    const step = pager.key(ch, this.cli.eol);
    this.out += step.text;
    if (!step.done) return;
    this.pager = undefined;
    // The key that ends paging is consumed; an Enter's LF must not become an empty command.
    this.lastWasCr = ch === '\r';
    const reply = this.afterPager ?? { output: '' };
    this.afterPager = undefined;
    this.finish(reply);
  }

  private finish(reply: Reply): void {
    if (reply.close) {
      this.flush();
      this.closed = true;
      this.options.channel.end(reply.exitCode ?? 0);
      this.dispose();
      return;
    }
    if (reply.ask) {
      this.question = reply.ask;
      this.out += this.withEol(reply.ask.prompt);
      return;
    }
    this.out += this.withEol(this.cli.prompt());
  }

  private withEol(text: string): string {
    return this.cli.eol === '\n' ? text : text.replace(/\r?\n/g, this.cli.eol);
  }

  private toLines(output: string): string[] {
    if (output === '') return [];
    const body = output.endsWith('\n') ? output.slice(0, -1) : output;
    return body.split('\n');
  }

  private emit(text: string): void {
    this.out += this.withEol(text);
    this.flush();
  }

  private flush(): void {
    if (this.out === '' || this.closed) {
      this.out = '';
      return;
    }
    const text = this.out;
    this.out = '';
    this.options.channel.write(text);
  }

  private after(ms: number, run: () => void): void {
    if (ms <= 0) {
      run();
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.closed) run();
    }, ms);
    this.timers.add(timer);
  }
}
