import type { CliPersonality, PagerStyle } from '../../cli/cli-personality';
import { matchCommand, syntax, tokenize } from '../../cli/command-table';
import { type Reply, SILENT, say } from '../../cli/reply';
import type { SessionInfo } from '../personality';
import { dayMonthDate, hms } from '../clock-format';
import { JUNOS_VERSION, type JunosCandidate, type JunosDevice } from './junos-device';
import { junosOperational } from './junos-operational';
import { JUNOS_TOP, junosWords, statementPath } from './junos-tree';

/** Lines per screen until `set cli screen-length` (the pty's 24 rows). */
const DEFAULT_SCREEN_LENGTH = 24;
/** `commit confirmed` without a time rolls back after 10 minutes. */
const DEFAULT_CONFIRM_MINUTES = 10;
/** Lines with this word pass `set` but fail the commit's check-out, for tests. */
const SEMANTIC_FAILURE = /(^|\s)bogus(\s|$)/i;
const INVALID = /^invalid$/i;

const CONFIG_COMMANDS = [
  syntax('set', 'set <rest>'),
  syntax('delete', 'delete <rest>'),
  syntax('edit', 'edit <rest>'),
  syntax('up', 'up <rest>'),
  syntax('top', 'top'),
  syntax('exit', 'exit'),
  syntax('exit-mode', 'exit configuration-mode'),
  syntax('exit-mode', 'quit configuration-mode'),
  syntax('exit', 'quit'),
  syntax('show', 'show <rest>'),
  syntax('commit', 'commit <rest>'),
  syntax('rollback', 'rollback <rest>'),
  syntax('run', 'run <rest>'),
] as const;

/** One user's Junos CLI: operational mode (`>`), configuration mode (`#`) with `[edit]` levels. */
export class JunosSession implements CliPersonality {
  readonly eol = '\r\n';
  readonly pager: PagerStyle = { prompt: '---(more {pct}%)---', erase: `\r${' '.repeat(20)}\r` };
  private length = DEFAULT_SCREEN_LENGTH;
  private candidate: JunosCandidate | undefined;
  private privateCandidate = false;
  private edit: string[] = [];

  constructor(
    private readonly device: JunosDevice,
    private readonly info: SessionInfo,
  ) {}

  greeting(): string {
    const at = this.device.bootedAt;
    const when = `${dayMonthDate(at)} ${hms(at)} ${at.getUTCFullYear()}`;
    return `Last login: ${when} from ${this.info.remoteIp}\n--- JUNOS ${JUNOS_VERSION} Kernel 64-bit  JNPR-12.1-20230124.6a9d6b5_buil\n`;
  }

  prompt(): string {
    const base = `${this.info.username}@${this.device.hostname()}`;
    if (!this.candidate) return `${base}> `;
    const level = this.edit.length > 0 ? ` ${this.edit.join(' ')}` : '';
    return `\n[edit${level}]\n${base}# `;
  }

  execute(line: string): Reply {
    if (line.trim() === '') return SILENT;
    return this.candidate ? this.configLine(line, this.candidate) : this.operational(line);
  }

  reject(line: string): Reply {
    return this.error(tokenize(line)[0]?.column ?? 0, 'syntax error.');
  }

  pageLength(): number {
    return this.length;
  }

  control(): Reply {
    return SILENT;
  }

  dispose(): void {
    if (this.privateCandidate) this.candidate = undefined;
  }

  private promptWidth(): number {
    const prompt = this.prompt();
    return prompt.slice(prompt.lastIndexOf('\n') + 1).length;
  }

  private error(column: number, message: string): Reply {
    return say(`${' '.repeat(this.promptWidth() + column)}^\n${message}\n`);
  }

  private operational(line: string): Reply {
    const reply = junosOperational(line, {
      device: this.device,
      info: this.info,
      error: (column, message) => this.error(column, message),
      setLength: (n) => (this.length = n),
      configure: (mode) => this.enterConfig(mode),
    });
    return reply;
  }

  private enterConfig(mode: string): Reply {
    this.edit = [];
    this.privateCandidate = mode === 'private' || mode === 'exclusive';
    const shared = this.device.shared;
    if (this.privateCandidate) {
      this.candidate = { tree: this.device.running.clone(), pending: [] };
      return say(
        'warning: uncommitted changes will be discarded on exit\nEntering configuration mode\n',
      );
    }
    this.candidate = shared;
    const dirty =
      shared.pending.length > 0 ? 'The configuration has been changed but not committed\n' : '';
    return say(`Entering configuration mode\n${dirty}`);
  }

  private configLine(line: string, candidate: JunosCandidate): Reply {
    const match = matchCommand(line, CONFIG_COMMANDS);
    if (match.kind === 'invalid' || match.kind === 'incomplete' || match.kind === 'empty') {
      return this.error(tokenize(line)[0]?.column ?? 0, 'unknown command.');
    }
    if (match.kind === 'ambiguous')
      return this.error(match.column, `'${match.token}' is ambiguous.`);
    const rest = line.trim().split(/\s+/).slice(1).join(' ');
    switch (match.id) {
      case 'set':
        return this.set(line, candidate);
      case 'delete':
        return this.delete(line, candidate);
      case 'edit':
        this.edit = [...this.edit, ...statementPath(junosWords(rest))];
        return SILENT;
      case 'up':
        this.edit = this.edit.slice(0, -Math.max(1, Number(rest) || 1));
        return SILENT;
      case 'top':
        this.edit = [];
        return SILENT;
      case 'exit':
        if (this.edit.length > 0) {
          this.edit = this.edit.slice(0, -1);
          return SILENT;
        }
        return this.leave(candidate);
      case 'exit-mode':
        return this.leave(candidate);
      case 'show':
        return this.show(rest, candidate);
      case 'commit':
        return this.commit(rest, candidate);
      case 'rollback':
        return this.rollback(rest, candidate);
      case 'run':
        return this.operational(rest);
    }
  }

  private validate(line: string, words: readonly string[]): Reply | undefined {
    const tokens = tokenize(line);
    const bad = tokens.find((t) => INVALID.test(t.text));
    if (bad) return this.error(bad.column, 'syntax error.');
    if (this.edit.length === 0 && words[0] !== undefined && !JUNOS_TOP.has(words[0])) {
      return this.error(tokens[1]?.column ?? 0, 'syntax error.');
    }
    if (words.length === 0)
      return this.error(line.length, 'syntax error, expecting <statement> or <identifier>.');
    return undefined;
  }

  private set(line: string, candidate: JunosCandidate): Reply {
    const words = junosWords(line).slice(1);
    const invalid = this.validate(line, words);
    if (invalid) return invalid;
    candidate.tree.set([...this.edit, ...statementPath(words)]);
    candidate.pending.push({
      typed: line.trim(),
      context: [...this.edit],
      sessionId: this.info.sessionId,
    });
    return SILENT;
  }

  private delete(line: string, candidate: JunosCandidate): Reply {
    const words = junosWords(line).slice(1);
    const invalid = this.validate(line, words);
    if (invalid) return invalid;
    if (!candidate.tree.delete([...this.edit, ...statementPath(words)])) {
      return say('warning: statement not found\n');
    }
    candidate.pending.push({
      typed: line.trim(),
      context: [...this.edit],
      sessionId: this.info.sessionId,
    });
    return SILENT;
  }

  private show(rest: string, candidate: JunosCandidate): Reply {
    const [what = '', ...pipes] = rest.split('|').map((s) => s.trim());
    if (pipes.includes('compare')) return say(compare(this.device, candidate), true);
    const nodes = candidate.tree.at([...this.edit, ...statementPath(junosWords(what))]) ?? [];
    const lines = pipes.some((p) => p.startsWith('display set'))
      ? candidate.tree.setLines(nodes, ['set', ...this.edit].join(' '))
      : candidate.tree.render(nodes);
    return say(lines.length > 0 ? `${lines.join('\n')}\n` : '', true);
  }

  private leave(candidate: JunosCandidate): Reply {
    const exit = (): Reply => {
      this.candidate = undefined;
      this.edit = [];
      this.privateCandidate = false;
      return say('Exiting configuration mode\n');
    };
    if (candidate.pending.length === 0) return exit();
    return {
      output: 'The configuration has been changed but not committed\n',
      ask: {
        prompt: 'Exit with uncommitted changes? [yes,no] (yes) ',
        answer: (given) => {
          const choice = given.trim().toLowerCase();
          return choice === '' || choice === 'yes' || choice === 'y' ? exit() : SILENT;
        },
      },
    };
  }

  private commit(rest: string, candidate: JunosCandidate): Reply {
    const words = rest.split(/\s+/).filter((w) => w !== '');
    const failed = candidate.tree.setLines().find((l) => SEMANTIC_FAILURE.test(l));
    if (failed) {
      const path = statementPath(junosWords(failed).slice(1));
      return say(
        `[edit ${path.slice(0, -1).join(' ')}]\n  '${path.at(-1) ?? ''}'\n    Invalid value\nerror: configuration check-out failed\n`,
      );
    }
    if (words[0] === 'check') return say('configuration check succeeds\n');
    const author = { username: this.info.username, sessionId: this.info.sessionId };
    if (words[0] === 'confirmed') {
      const minutes = words[1] === undefined ? DEFAULT_CONFIRM_MINUTES : Number(words[1]);
      if (!Number.isInteger(minutes) || minutes < 1 || minutes > 65535) {
        return this.error(
          rest.indexOf(words[1] ?? '') + 'commit '.length,
          'syntax error, expecting <data>.',
        );
      }
      this.device.commit(candidate, author, minutes);
      return say(
        `commit confirmed will be automatically rolled back in ${minutes} minutes unless confirmed\ncommit complete\n\n# commit confirmed will be rolled back in ${minutes} minutes\n`,
      );
    }
    this.device.commit(candidate, author);
    if (words[0] === 'and-quit') {
      this.candidate = undefined;
      this.edit = [];
      return say('commit complete\nExiting configuration mode\n');
    }
    return say('commit complete\n');
  }

  private rollback(rest: string, candidate: JunosCandidate): Reply {
    const n = rest === '' ? 0 : Number(rest);
    const source = n === 0 ? this.device.running : this.device.history[n - 1];
    if (!Number.isInteger(n) || !source) return say(`error: rollback ${rest}: no such rollback\n`);
    candidate.tree = source.clone();
    candidate.pending =
      n === 0 ? [] : [{ typed: `rollback ${n}`, context: [], sessionId: this.info.sessionId }];
    return say('load complete\n');
  }
}

/** `show | compare`: candidate against running, grouped by `[edit ...]` level. */
function compare(device: JunosDevice, candidate: JunosCandidate): string {
  const before = new Set(device.running.setLines());
  const after = new Set(candidate.tree.setLines());
  const out: string[] = [];
  const emit = (line: string, sign: string): void => {
    const words = statementPath(junosWords(line).slice(1));
    out.push(
      `[edit ${words.slice(0, -1).join(' ')}]`.replace(' ]', ']'),
      `${sign}  ${words.at(-1) ?? ''};`,
    );
  };
  for (const line of before) if (!after.has(line)) emit(line, '-');
  for (const line of after) if (!before.has(line)) emit(line, '+');
  return out.length > 0 ? `${out.join('\n')}\n` : '';
}
