import { type PromptMatcher } from './prompt-matcher';

/** A command's response, cut out of the stream. */
export interface FramedResponse {
  /** Whether the echo line (prompt + command) was found. */
  readonly echoFound: boolean;
  /** Output lines between the echo and the next prompt. */
  readonly lines: readonly string[];
}

/**
 * Finds the echo line among the lines completed since a command was sent: the first line
 * that starts with this device's prompt and has text after it. Bare prompt lines before it
 * are answers to earlier Enter presses (login nudges) and are skipped, so they can never be
 * taken for the end of this command.
 */
export function findEcho(lines: readonly string[], matcher: PromptMatcher): number {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const prompt = matcher.matchPrefix(line);
    if (prompt !== undefined && line.slice(prompt.length).trim() !== '') return i;
  }
  return -1;
}

/**
 * Cuts a command's output out of the lines completed since it was sent: drops everything up
 * to the echo, the platform's prompt preamble lines just before the closing prompt (Junos
 * `[edit]`), and leading/trailing blank lines.
 */
export function frameResponse(
  committed: string,
  matcher: PromptMatcher,
  preamble: readonly RegExp[],
): FramedResponse {
  const lines = committed.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const echo = findEcho(lines, matcher);
  let out = lines.slice(echo + 1);
  while (out.length > 0 && isPreambleOrBlank(out[out.length - 1] ?? '', preamble))
    out = out.slice(0, -1);
  while (out.length > 0 && (out[0] ?? '').trim() === '') out = out.slice(1);
  return { echoFound: echo !== -1, lines: out };
}

function isPreambleOrBlank(line: string, preamble: readonly RegExp[]): boolean {
  const trimmed = line.trim();
  return trimmed === '' || preamble.some((p) => p.test(trimmed));
}
