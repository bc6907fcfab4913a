import { CliMode, type PlatformProfile } from './profiles/platform-profile';

/** A prompt recognised at login, split into its parts. */
export interface LearnedPrompt {
  /** The whole prompt, right-trimmed (`R1#`, `admin@vmx1>`). */
  readonly line: string;
  /** Text before the hostname (`user@`, `RP/0/RP0/CPU0:`), often empty. */
  readonly pre: string;
  /** The hostname part. */
  readonly host: string;
  /** What follows the hostname; says the mode (`#`, `(config-if)#`, `>`). */
  readonly modePart: string;
  readonly mode: CliMode;
}

/** A prompt found on a line. */
export interface PromptMatch {
  readonly mode: CliMode;
  readonly host: string;
  /** Length of the prompt at the start of the line (what follows is the echo). */
  readonly length: number;
}

/** Classifies the mode part of a prompt. */
export function modeOf(profile: PlatformProfile, modePart: string): CliMode {
  if (profile.prompt.configMode.test(modePart)) return CliMode.config;
  if (profile.prompt.unprivilegedMode?.test(modePart) === true) return CliMode.unprivileged;
  return CliMode.privileged;
}

/** Recognises a line as a prompt of the platform, without knowing the device yet. */
export function learnPrompt(profile: PlatformProfile, line: string): LearnedPrompt | undefined {
  const trimmed = line.trimEnd();
  const groups = profile.prompt.learn.exec(trimmed)?.groups;
  if (groups === undefined) return undefined;
  const modePart = groups['mode'] ?? '';
  return {
    line: trimmed,
    pre: groups['pre'] ?? '',
    host: groups['host'] ?? '',
    modePart,
    mode: modeOf(profile, modePart),
  };
}

/** A platform's mode part, anchored at an offset (sticky): as a whole rest of line, or as a prefix. */
interface ModePatterns {
  readonly whole: RegExp;
  readonly prefix: RegExp;
}

const modePatternCache = new WeakMap<PlatformProfile, ModePatterns>();

/** The platform's mode patterns, compiled once per profile (a device's own names stay out of them). */
function modePatternsOf(profile: PlatformProfile): ModePatterns {
  let patterns = modePatternCache.get(profile);
  if (patterns === undefined) {
    const suffix = profile.prompt.modeSuffix;
    patterns = {
      whole: new RegExp(`(?:${suffix})$`, 'y'),
      prefix: new RegExp(`(?:${suffix})`, 'y'),
    };
    modePatternCache.set(profile, patterns);
  }
  return patterns;
}

/**
 * Recognises this device's prompts in every mode: the learned prefix and hostname followed
 * by any of the platform's mode parts. A config line that renames the device adds the new
 * name, and both stay accepted (Junos shows the new name only after commit).
 *
 * The names are compared as text and only the mode part is a pattern, compiled once per
 * platform: a pattern with each device's name in it was compiled again for every session.
 * Names are tried in the order they were learned, as the alternation `^pre(h1|h2)(mode)` would.
 */
export class PromptMatcher {
  private readonly hosts: string[];
  private readonly modes: ModePatterns;

  constructor(
    private readonly profile: PlatformProfile,
    private readonly learned: LearnedPrompt,
  ) {
    this.hosts = [learned.host];
    this.modes = modePatternsOf(profile);
  }

  /** The prompt seen at login. */
  get loginPrompt(): LearnedPrompt {
    return this.learned;
  }

  /** Accepts prompts with another hostname from now on. */
  addHost(host: string): void {
    if (host === '' || this.hosts.includes(host)) return;
    this.hosts.push(host);
  }

  /** Matches a whole (unterminated) line that is a prompt and nothing else. */
  matchLine(line: string): PromptMatch | undefined {
    const trimmed = line.trimEnd();
    return this.match(trimmed, this.modes.whole);
  }

  /** Matches a prompt at the start of a line (`R1(config)#interface Gi0/1`). */
  matchPrefix(line: string): PromptMatch | undefined {
    return this.match(line, this.modes.prefix);
  }

  private match(line: string, mode: RegExp): PromptMatch | undefined {
    const pre = this.learned.pre;
    if (!line.startsWith(pre)) return undefined;
    for (const host of this.hosts) {
      if (!line.startsWith(host, pre.length)) continue;
      mode.lastIndex = pre.length + host.length;
      const m = mode.exec(line);
      if (m === null) continue;
      const length = mode.lastIndex;
      return { mode: modeOf(this.profile, m[0].trimEnd()), host, length };
    }
    return undefined;
  }
}
