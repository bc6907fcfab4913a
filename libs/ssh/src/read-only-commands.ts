import { type Platform } from '@fleetpush/domain';

/**
 * A command word a read-only command may start with (or pipe into): the full word and the
 * shortest abbreviation accepted. Cisco-style CLIs expand any unambiguous prefix (`sh` →
 * `show`); `min` is set where the platform itself is unambiguous, so `s` is refused (it could
 * be `send`, `setup`, …) while `sh` is allowed.
 */
export interface CommandWord {
  readonly word: string;
  readonly min: number;
  /**
   * What may follow the word, as a regex tested on the rest (words joined by one space):
   * absent = anything; e.g. Linux `hostname` with an argument would rename the host.
   */
  readonly args?: RegExp;
}

/** The read-only policy of one platform: an allow-list, never a deny-list. */
export interface ReadOnlyPolicy {
  /** Whether `SHOW` is `show` (true on network CLIs, false in a Linux shell). */
  readonly caseInsensitive: boolean;
  /** Commands allowed at the start of a line. */
  readonly commands: readonly CommandWord[];
  /** Output filters allowed after `|` (each segment must start with one). */
  readonly pipes: readonly CommandWord[];
  /**
   * Characters refused anywhere: redirection and chaining (`>` to a file on NX-OS and EOS, a
   * shell's `;`, `&`, `$(…)`, backquotes).
   */
  readonly forbidden: RegExp;
}

const word = (w: string, min = w.length, args?: RegExp): CommandWord => ({ word: w, min, args });

/** Something to act on: a bare `ping` or `traceroute` starts an interactive dialogue. */
const TARGET = /^\S/;
/** `show`, `ping`, `traceroute` with their usual shortest unambiguous abbreviations. */
const NETWORK_COMMANDS = [word('show', 2), word('ping', 2, TARGET), word('traceroute', 5, TARGET)];
/** IOS-family output modifiers; `redirect`, `tee`, `append` and `file` (which write) are absent. */
const IOS_PIPES = [
  word('include', 1),
  word('exclude', 1),
  word('begin', 1),
  word('section', 1),
  word('count', 1),
];
/** A redirect to a file: `>`/`>>` after whitespace (a `>` inside a filter regex stays allowed). */
const REDIRECT = /(^|\s)>|[`;]/;

const CISCO: ReadOnlyPolicy = {
  caseInsensitive: true,
  commands: NETWORK_COMMANDS,
  pipes: IOS_PIPES,
  forbidden: REDIRECT,
};

/** The read-only allow-list of every platform (data: extend here, not in code). */
export const READ_ONLY_POLICIES: Readonly<Record<Platform, ReadOnlyPolicy>> = {
  cisco_ios: CISCO,
  cisco_xe: CISCO,
  cisco_xr: CISCO,
  cisco_nxos: {
    ...CISCO,
    pipes: [
      ...IOS_PIPES,
      word('grep'),
      word('egrep'),
      word('head'),
      word('last'),
      word('no-more'),
      word('json'),
      word('xml'),
      word('sort'),
      word('uniq'),
      word('wc'),
    ],
  },
  arista_eos: {
    ...CISCO,
    pipes: [...IOS_PIPES, word('no-more'), word('json'), word('head'), word('tail')],
  },
  juniper_junos: {
    caseInsensitive: true,
    commands: [word('show', 2), word('ping', 2, TARGET), word('traceroute', 3, TARGET)],
    // `save` (writes a file) and `request` are absent; `display` shows set/xml/json forms.
    pipes: [
      word('match', 1),
      word('except', 1),
      word('count', 1),
      word('no-more', 1),
      word('last', 1),
      word('find', 1),
      word('display', 1),
      word('trim', 1),
    ],
    forbidden: REDIRECT,
  },
  frr: {
    caseInsensitive: true,
    commands: NETWORK_COMMANDS,
    pipes: [word('include', 1), word('exclude', 1), word('begin', 1)],
    forbidden: REDIRECT,
  },
  linux: {
    caseInsensitive: false,
    commands: [
      word('uptime'),
      word('uname'),
      word('hostname', 8, /^$|^(-[a-zA-Z]+)(\s-[a-zA-Z]+)*$/),
      word('df'),
      word('free'),
      word(
        'ip',
        2,
        /^(-[a-z0-9]+\s)*(a|addr|address|r|route|l|link|n|neigh)(\s(show|list|ls)(\s.*)?)?$/,
      ),
      word('ss'),
      word('ping'),
      word('traceroute'),
      word('tracepath'),
      word('w'),
      word('who'),
      word('date'),
      word('lsblk'),
    ],
    pipes: [word('grep'), word('head'), word('tail'), word('wc'), word('sort'), word('uniq')],
    // A shell: any chaining, substitution, redirection or escape is refused.
    forbidden: /[;&<>$`\\(){}]|\n/,
  },
};

/** The verdict on one command. */
export type ReadOnlyVerdict =
  { readonly ok: true; readonly command: string } | { readonly ok: false; readonly reason: string };

function matchWord(
  words: readonly CommandWord[],
  token: string,
  fold: boolean,
): CommandWord | undefined {
  const t = fold ? token.toLowerCase() : token;
  return words.find((w) => t.length >= w.min && w.word.startsWith(t));
}

function checkSegment(
  words: readonly CommandWord[],
  segment: string,
  fold: boolean,
  what: string,
): string | undefined {
  const [first = '', ...rest] = segment.split(' ');
  const matched = matchWord(words, first, fold);
  if (!matched) {
    const allowed = words.map((w) => w.word).join(', ');
    return `"${first}" is not an allowed ${what} (allowed: ${allowed})`;
  }
  if (matched.args && !matched.args.test(rest.join(' '))) {
    return `these arguments of "${matched.word}" are not read-only`;
  }
  return undefined;
}

/**
 * Checks one command against a platform's read-only allow-list. Whitespace is collapsed (the
 * returned `command` is what to send: exactly what was checked); the first word must be an
 * allowed command or its accepted abbreviation, every `|` segment an allowed filter, and no
 * forbidden character (redirection, chaining) may appear. A filter whose own argument holds a
 * `|` is refused: safe, if stricter than the device.
 */
export function checkReadOnlyCommand(platform: Platform, raw: string): ReadOnlyVerdict {
  const policy = READ_ONLY_POLICIES[platform];
  const command = raw.trim().split(/\s+/).join(' ');
  if (command === '') return { ok: false, reason: 'the command is empty' };
  const forbidden = policy.forbidden.exec(command);
  if (forbidden)
    return {
      ok: false,
      reason: `"${forbidden[0].trim()}" (redirection or chaining) is not allowed`,
    };
  const [head = '', ...pipes] = command.split('|').map((s) => s.trim());
  // Before any filter, `>` can only be a redirection (`show run >bootflash:x` on NX-OS).
  if (head.includes('>')) return { ok: false, reason: '">" (redirection) is not allowed' };
  const fold = policy.caseInsensitive;
  const problem =
    checkSegment(policy.commands, head, fold, `${platform} read-only command`) ??
    pipes
      .map((p) => checkSegment(policy.pipes, p, fold, `${platform} output filter`))
      .find(Boolean);
  return problem === undefined ? { ok: true, command } : { ok: false, reason: problem };
}
