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

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
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

/**
 * Recognises this device's prompts in every mode: the learned prefix and hostname followed
 * by any of the platform's mode parts. A config line that renames the device adds the new
 * name, and both stay accepted (Junos shows the new name only after commit).
 */
export class PromptMatcher {
  private readonly hosts: string[];
  private whole!: RegExp;
  private prefix!: RegExp;

  constructor(
    private readonly profile: PlatformProfile,
    private readonly learned: LearnedPrompt,
  ) {
    this.hosts = [learned.host];
    this.compile();
  }

  /** The prompt seen at login. */
  get loginPrompt(): LearnedPrompt {
    return this.learned;
  }

  /** Accepts prompts with another hostname from now on. */
  addHost(host: string): void {
    if (host === '' || this.hosts.includes(host)) return;
    this.hosts.push(host);
    this.compile();
  }

  /** Matches a whole (unterminated) line that is a prompt and nothing else. */
  matchLine(line: string): PromptMatch | undefined {
    const m = this.whole.exec(line.trimEnd());
    return m === null ? undefined : this.toMatch(m, line.trimEnd().length);
  }

  /** Matches a prompt at the start of a line (`R1(config)#interface Gi0/1`). */
  matchPrefix(line: string): PromptMatch | undefined {
    const m = this.prefix.exec(line);
    return m === null ? undefined : this.toMatch(m, m[0].length);
  }

  private toMatch(m: RegExpExecArray, length: number): PromptMatch {
    const host = m[1] ?? '';
    const modePart = (m[2] ?? '').trimEnd();
    return { mode: modeOf(this.profile, modePart), host, length };
  }

  private compile(): void {
    const hosts = this.hosts.map(escapeRegExp).join('|');
    const core = `${escapeRegExp(this.learned.pre)}(${hosts})(${this.profile.prompt.modeSuffix})`;
    this.whole = new RegExp(`^${core}$`);
    this.prefix = new RegExp(`^${core}`);
  }
}
