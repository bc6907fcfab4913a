import { type Platform } from '@fleetpush/domain';

/** The CLI modes a session tracks. */
export const CliMode = {
  /** Logged in but not privileged (IOS `>`): enable is needed before config. */
  unprivileged: 'unprivileged',
  /** Exec / operational mode, privileged (IOS `#`, Junos `>`, a Linux shell). */
  privileged: 'privileged',
  /** Configuration mode. */
  config: 'config',
} as const;

/** A CLI mode. */
export type CliMode = (typeof CliMode)[keyof typeof CliMode];

/** A question a device may ask mid-command, and what to type back (without the newline). */
export interface PromptAnswer {
  /** Matches the question at the end of the current (unterminated) line. */
  readonly question: RegExp;
  /** What to send; `''` = just Enter (take the default). */
  readonly answer: string;
  /** Whether to send a newline after the answer (`[confirm]` reacts to the key alone). */
  readonly newline: boolean;
}

/**
 * How a platform's prompts look. A prompt is always the last, unterminated line.
 * `learn` recognises any prompt of the platform at login and splits it into named groups:
 * `pre` (optional, e.g. `user@` or `RP/0/RP0/CPU0:`), `host` (the part a hostname change
 * replaces) and `mode` (what follows, which says the mode). After login the session only
 * accepts prompts made of the learned `pre` + `host` and a `mode` matching `modeSuffix`, which
 * is what keeps banner lines and command output from passing for prompts.
 */
export interface PromptSpec {
  readonly learn: RegExp;
  /** Regex source for the `mode` part in any mode (anchored at the end by the session). */
  readonly modeSuffix: string;
  /** Classifies the `mode` part; tested in the order config, unprivileged, else privileged. */
  readonly configMode: RegExp;
  readonly unprivilegedMode?: RegExp;
  /** Whole lines printed just before a prompt that belong to it (Junos `[edit]`, `{master:0}`). */
  readonly preamble: readonly RegExp[];
}

/** Entering privileged mode. */
export interface EnableSpec {
  readonly command: string;
  /** The password question enable asks. */
  readonly passwordPrompt: RegExp;
}

/** Entering and leaving configuration mode. */
export interface ConfigModeSpec {
  readonly enter: string;
  /** Leaves config mode entirely (IOS `end`, Junos `exit configuration-mode`). */
  readonly exit: string;
  /** Prefix that runs an exec command from config mode (IOS `do `, Junos `run `). */
  readonly execPrefix: string;
}

/** Saving the running configuration (non-candidate platforms). */
export interface SaveSpec {
  readonly command: string;
  /** Questions the save command asks, with their answers. */
  readonly answers: readonly PromptAnswer[];
  /** Response lines that mean the save failed. */
  readonly errorPatterns: readonly RegExp[];
}

/** The candidate-configuration model (IOS-XR, Junos): nothing applies until a commit. */
export interface CandidateSpec {
  readonly commit: string;
  /** `commit confirmed`: a template with `{value}`, in the platform's unit, within its range. */
  readonly commitConfirmed: {
    readonly template: string;
    readonly unit: 'seconds' | 'minutes';
    readonly min: number;
    readonly max: number;
  };
  /** Confirms a pending confirmed commit (from config mode). */
  readonly confirm: string;
  /** Commands that throw the candidate away and leave config mode. */
  readonly discard: readonly string[];
  /** Response lines that mean the commit failed. */
  readonly commitErrorPatterns: readonly RegExp[];
  /** Questions asked on commit or on leaving config mode, with their answers. */
  readonly answers: readonly PromptAnswer[];
}

/**
 * Everything libs/ssh knows about one platform, as data: adding a platform means adding one
 * of these (a file in `src/profiles/`) and its transcript fixtures, never a code branch.
 */
export interface PlatformProfile {
  readonly platform: Platform;
  readonly prompt: PromptSpec;
  /** Commands that turn paging off (and widen the terminal), in order. */
  readonly pagingCommands: readonly string[];
  /** Some images lack one of the paging commands: their errors are ignored when true. */
  readonly pagingErrorsTolerated: boolean;
  /** Pager prompts beyond the generic `--More--` family, with the key that pages on. */
  readonly pagerPrompts: readonly PromptAnswer[];
  readonly enable: EnableSpec | undefined;
  /** `undefined` on platforms without a config mode (Linux: lines run as commands). */
  readonly config: ConfigModeSpec | undefined;
  /** A response line matching one of these means the command or config line was rejected. */
  readonly errorPatterns: readonly RegExp[];
  /** A config line that renames the device; group 1 is the new hostname. */
  readonly hostnameCommand: RegExp | undefined;
  /** Questions a config line may raise, with a safe (declining) answer. */
  readonly configQuestions: readonly PromptAnswer[];
  /** Questions answered with the login password, once per command (`[sudo] password for …:`). */
  readonly passwordQuestions: readonly RegExp[];
  readonly save: SaveSpec | undefined;
  readonly candidate: CandidateSpec | undefined;
  /** Known behaviours of real devices this profile copes with, for people reading it. */
  readonly quirks: readonly string[];
}
