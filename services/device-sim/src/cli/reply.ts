/**
 * What a personality answers to one input line. Text uses `\n`; the session converts it to the
 * personality's line ending, pages it and prints the prompt after it.
 */
export interface Reply {
  /** Output lines (no trailing prompt). Empty for commands that print nothing. */
  readonly output: string;
  /** A line printed before the output that output filters do not touch (IOS-XR's timestamp). */
  readonly header?: string;
  /** Long output that pauses at `--More--` unless paging was disabled. */
  readonly paged?: boolean;
  /** The next line answers this question instead of being a command. */
  readonly ask?: Question;
  /** End the session after the output (`exit`, `logout`). */
  readonly close?: boolean;
  /** Exit status reported on `exec` channels (linux); 0 when absent. */
  readonly exitCode?: number;
}

/** An interactive question (`Password:`, `Destination filename [startup-config]?`). */
export interface Question {
  /** Printed instead of the prompt; the answer is typed on the same line. */
  readonly prompt: string;
  /** The answer is not echoed (passwords). */
  readonly hidden?: boolean;
  /** Turns the answer into the reply; may ask again. */
  answer(line: string): Reply;
}

/** A reply that only prints text. */
export function say(output: string, paged = false): Reply {
  return { output, paged };
}

/** A reply that prints nothing. */
export const SILENT: Reply = { output: '' };

/** The full text of a reply: its header line, then its output. */
export function replyText(reply: Reply): string {
  return reply.header === undefined ? reply.output : `${reply.header}\n${reply.output}`;
}
