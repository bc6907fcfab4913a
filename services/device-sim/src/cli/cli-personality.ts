import type { Reply } from './reply';

/** How a platform pauses long output and removes the pause marker when the user goes on. */
export interface PagerStyle {
  /** The marker, e.g. ` --More-- ` or `---(more)---`; `{pct}` is replaced by the percentage shown. */
  readonly prompt: string;
  /** Written when the user answers the marker, to wipe it (backspaces or a carriage return). */
  readonly erase: string;
}

/** The per-session CLI of one platform: the part of a personality that talks to one user. */
export interface CliPersonality {
  /** Line ending this platform writes (`\r\n` on network OSes; linux without a pty writes `\n`). */
  readonly eol: string;
  /** Pause marker style for paged output. */
  readonly pager: PagerStyle;
  /** Everything printed before the first prompt (MOTD, last login, greeting). */
  greeting(): string;
  /** The prompt for the current mode, exactly as the device prints it. */
  prompt(): string;
  /** Runs one command line (already stripped of its line ending). */
  execute(line: string): Reply;
  /** The platform's error for a line it refuses (used by the `rejectCommand` fault). */
  reject(line: string): Reply;
  /** Lines per screen; 0 = paging disabled (`terminal length 0`). */
  pageLength(): number;
  /** Ctrl-C / Ctrl-Z handling; returns the text to print before the next prompt. */
  control(key: 'ctrl-c' | 'ctrl-z'): Reply;
  /** The session ended: release per-session state (private candidates, locks). */
  dispose(): void;
}
