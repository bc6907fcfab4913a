import type { CliPersonality, PagerStyle } from '../../cli/cli-personality';
import { matchCommand, tokenize, type CommandSyntax } from '../../cli/command-table';
import { applyOutputFilter, splitPipe } from '../../cli/output-filter';
import { type Reply, SILENT, say } from '../../cli/reply';
import type { SessionInfo } from '../personality';
import { IosCandidate } from './ios-candidate';
import { INVALID_WORD, IOS_EXEC, type IosExecId, expandConfigKeywords } from './ios-commands';
import type { ConfigFrame } from './ios-config';
import type { ExtraCommand, IosDialect } from './ios-dialect';
import type { Author, IosFamilyDevice } from './ios-family-device';
import { showInterfaces, showUsers } from './ios-shows';

/** Lines per screen before `terminal length` changes it (the IOS default). */
const DEFAULT_PAGE_LENGTH = 24;
/** IOS accepts `terminal length 0..512`. */
const MAX_PAGE_LENGTH = 512;
/** Wrong enable secrets accepted before `% Bad secrets` (IOS allows three tries). */
const ENABLE_TRIES = 3;
/** EXEC commands refused in user EXEC (`>`): the caret goes under the word at this index. */
const PRIVILEGED: Partial<Record<IosExecId, number>> = {
  configure: 0,
  'configure-terminal': 0,
  'write-memory': 0,
  'copy-run-start': 0,
  clear: 0,
  'show-run': 1,
  'show-startup': 1,
};

type Handler = (args: readonly string[]) => Reply;

/** One user's CLI on an IOS-style device: EXEC levels, config mode, sub-modes, errors. */
export class IosFamilySession implements CliPersonality {
  readonly eol = '\r\n';
  readonly pager: PagerStyle;
  private privileged: boolean;
  private inConfig = false;
  private context: ConfigFrame[] = [];
  private length = DEFAULT_PAGE_LENGTH;
  private readonly candidate: IosCandidate | undefined;
  private readonly author: Author;
  private readonly table: CommandSyntax[];
  private readonly handlers: Record<IosExecId, Handler>;

  constructor(
    private readonly device: IosFamilyDevice,
    private readonly info: SessionInfo,
  ) {
    this.pager = this.dialect.pager;
    this.length = this.dialect.defaultPageLength ?? DEFAULT_PAGE_LENGTH;
    this.privileged = !(this.dialect.hasEnable && info.enableSecret);
    this.author = { sessionId: info.sessionId, username: info.username };
    this.candidate = this.dialect.candidate ? new IosCandidate(device, this.author) : undefined;
    const missing = new Set<string>(this.dialect.missing ?? []);
    this.table = [
      ...IOS_EXEC.filter((c) => !missing.has(c.id)),
      ...(this.dialect.extraCommands ?? []).map((c) => c.syntax),
    ];
    this.handlers = this.makeHandlers();
  }

  private get dialect(): IosDialect {
    return this.device.dialect;
  }

  greeting(): string {
    return this.dialect.greeting(this.device.view, this.info);
  }

  prompt(): string {
    const hostname = this.device.hostname();
    if (this.inConfig) {
      const config = this.candidate?.target ?? this.device.config;
      return this.dialect.prompt(hostname, {
        kind: 'config',
        suffix: config.modeName(this.context),
      });
    }
    return this.dialect.prompt(hostname, { kind: this.privileged ? 'priv' : 'user' });
  }

  execute(line: string): Reply {
    return this.inConfig ? this.configLine(line) : this.execLine(line);
  }

  reject(line: string): Reply {
    const first = tokenize(line)[0];
    return say(this.dialect.errors.invalid(line, this.promptWidth() + (first?.column ?? 0)));
  }

  pageLength(): number {
    return this.length;
  }

  control(key: 'ctrl-c' | 'ctrl-z'): Reply {
    if (this.inConfig && (key === 'ctrl-z' || !this.candidate)) return this.leaveConfig();
    return SILENT;
  }

  dispose(): void {
    this.candidate?.discard();
  }

  private promptWidth(): number {
    const prompt = this.prompt();
    return prompt.slice(prompt.lastIndexOf('\n') + 1).length;
  }

  private invalidAt(line: string, column: number): Reply {
    return say(this.dialect.errors.invalid(line, this.promptWidth() + column));
  }

  private execLine(line: string): Reply {
    const { command, filter, filterColumn } = splitPipe(line);
    const match = matchCommand(command, this.table);
    const errors = this.dialect.errors;
    switch (match.kind) {
      case 'empty':
        return SILENT;
      case 'invalid':
        if (
          match.column === tokenize(line)[0]?.column &&
          tokenize(command).length === 1 &&
          errors.unknownWord
        ) {
          return say(errors.unknownWord(command.trim(), this.promptWidth() + match.column));
        }
        return this.invalidAt(line, match.column);
      case 'ambiguous':
        return say(errors.ambiguous(line, match.token, this.promptWidth() + match.column));
      case 'incomplete':
        return say(errors.incomplete(line, this.promptWidth() + line.length));
      case 'ok':
        break;
    }
    const refusedAt = this.privileged ? undefined : PRIVILEGED[match.id as IosExecId];
    if (refusedAt !== undefined)
      return this.invalidAt(line, tokenize(line)[refusedAt]?.column ?? 0);
    const reply = this.run(match.id, match.args);
    if (filter === undefined) return reply;
    const filtered = applyOutputFilter(reply.output, filter, filterColumn);
    if (filtered.kind === 'invalid') return this.invalidAt(line, filtered.column);
    return { ...reply, output: filtered.output };
  }

  private run(id: string, args: readonly string[]): Reply {
    const handler = this.handlers[id as IosExecId] as Handler | undefined;
    if (handler) return handler(args);
    const extra = this.dialect.extraCommands?.find((c: ExtraCommand) => c.syntax.id === id);
    return extra ? extra.run(this.device.view, args, this.info) : SILENT;
  }

  private shown(text: string): Reply {
    const stamp = this.dialect.stamp?.(this.device.view.now());
    return { output: text, paged: true, ...(stamp ? { header: stamp } : {}) };
  }

  private makeHandlers(): Record<IosExecId, Handler> {
    const d = this.dialect;
    const view = this.device.view;
    return {
      enable: () => this.enable(ENABLE_TRIES),
      disable: () => {
        if (d.hasEnable && this.info.enableSecret) this.privileged = false;
        return SILENT;
      },
      exit: () => ({ output: '', close: true }),
      'terminal-length': (args) => this.setLength(args[0] ?? ''),
      'terminal-width': () => SILENT,
      'terminal-other': () => SILENT,
      'show-run': () => this.shown(d.showRunning(view)),
      'show-startup': () =>
        d.showStartup
          ? this.shown(d.showStartup(view))
          : this.invalidAt('show startup-config', 'show '.length),
      'show-version': () => this.shown(d.showVersion(view)),
      'show-clock': () => this.shown(d.showClock(view)),
      'show-ip-int-brief': () => this.shown(d.showIpInterfaceBrief(view)),
      'show-interfaces': () => this.shown(showInterfaces(view)),
      'show-ip-route': () => this.shown(d.showIpRoute(view)),
      'show-users': () => this.shown(showUsers(this.info)),
      'show-privilege': () => say(`Current privilege level is ${this.privileged ? 15 : 1}\n`),
      configure: () => this.configure(false),
      'configure-terminal': () => this.configure(true),
      'write-memory': () => this.writeMemory(),
      'copy-run-start': () =>
        d.copyRunStart ? d.copyRunStart(view, () => this.device.save()) : this.invalidAt('copy', 0),
      ping: (args) => say(d.ping(args[0] ?? '')),
      connect: (args) =>
        say(`Trying ${args[0] ?? ''} ...\n% Connection timed out; remote host not responding\n`),
      clear: () => SILENT,
      setup: () => SILENT,
    };
  }

  private setLength(value: string): Reply {
    const n = Number(value);
    if (!/^\d+$/.test(value) || n > MAX_PAGE_LENGTH) {
      return this.invalidAt(`terminal length ${value}`, 'terminal length '.length);
    }
    this.length = n;
    return SILENT;
  }

  private enable(triesLeft: number): Reply {
    if (this.privileged) return SILENT;
    const secret = this.info.enableSecret;
    if (!secret) {
      this.privileged = true;
      return SILENT;
    }
    return {
      output: '',
      ask: {
        prompt: 'Password: ',
        hidden: true,
        answer: (given) => {
          if (given === secret) {
            this.privileged = true;
            return SILENT;
          }
          if (triesLeft > 1) return this.enable(triesLeft - 1);
          return say(this.dialect.enableDenied ?? '% Bad secrets\n');
        },
      },
    };
  }

  private writeMemory(): Reply {
    const text = this.dialect.writeMemory?.(this.device.view);
    if (text === undefined) return this.invalidAt('write', 0);
    this.device.save();
    return say(text);
  }

  private configure(explicitTerminal: boolean): Reply {
    if (explicitTerminal || this.dialect.configureBare === 'enter') return this.enterConfig();
    return {
      output: '',
      ask: {
        prompt: 'Configuring from terminal, memory, or network [terminal]? ',
        answer: (given) => {
          const choice = given.trim().toLowerCase();
          if (choice === '' || 'terminal'.startsWith(choice)) return this.enterConfig();
          return say('?Must be "terminal", "memory" or "network"\n');
        },
      },
    };
  }

  private enterConfig(): Reply {
    this.inConfig = true;
    this.context = [];
    this.candidate?.begin();
    return say(this.dialect.configBanner);
  }

  private leaveConfig(): Reply {
    if (this.candidate?.hasChanges()) {
      return this.candidate.askBeforeExit(() => this.exitConfig(), this.dialect);
    }
    return this.exitConfig();
  }

  private exitConfig(): Reply {
    this.inConfig = false;
    this.context = [];
    this.candidate?.discard();
    return SILENT;
  }

  private configLine(raw: string): Reply {
    const line = raw.trim();
    if (line === '') return SILENT;
    const offset = raw.length - raw.trimStart().length;
    const expanded = expandConfigKeywords(line);
    if (expanded.kind === 'ambiguous') {
      return say(
        this.dialect.errors.ambiguous(
          raw,
          expanded.token,
          this.promptWidth() + offset + expanded.column,
        ),
      );
    }
    const text = expanded.line;
    const [first = '', ...rest] = text.split(' ');
    if (first === 'end') return this.leaveConfig();
    if (first === 'exit') return this.exitLevel();
    if (first === 'do') return this.execLine(rest.join(' '));
    const special = this.candidate?.command(text, this.context, (l, c) => this.invalidAt(l, c));
    if (special) return this.afterCandidate(special);
    if (first === 'show' && this.dialect.showInConfig) return this.execLine(text);
    return this.checkedApply(raw, line, text, offset);
  }

  private afterCandidate(reply: Reply & { leave?: boolean }): Reply {
    if (reply.leave) this.exitConfig();
    return reply;
  }

  private exitLevel(): Reply {
    if (this.context.length === 0) return this.leaveConfig();
    this.context = this.context.slice(0, -1);
    return SILENT;
  }

  private checkedApply(raw: string, typed: string, text: string, offset: number): Reply {
    const d = this.dialect;
    const tokens = tokenize(raw);
    if (d.execOnlyInConfig.test(text)) return this.invalidAt(raw, offset);
    const bad = tokens.find(
      (t) => INVALID_WORD.test(t.text) && !this.candidate?.acceptsAtParse(t.text),
    );
    if (bad) return this.invalidAt(raw, bad.column);
    if (d.incompleteLines.has(text))
      return say(d.errors.incomplete(raw, this.promptWidth() + raw.length));
    const ifName = /^interface (\S+)/.exec(text)?.[1];
    if (ifName !== undefined && d.interfaceName(ifName) === undefined) {
      return this.invalidAt(raw, tokens[1]?.column ?? offset);
    }
    this.context = this.candidate
      ? this.candidate.add(this.context, text, typed)
      : this.device.apply(this.context, text, typed, this.author);
    return SILENT;
  }
}
