/**
 * A command syntax: keywords (matched by unique prefix, as IOS-style CLIs do), `<arg>` (any one
 * token) and a final `<rest>` (zero or more tokens).
 */
export interface CommandSyntax<Id extends string = string> {
  readonly id: Id;
  readonly words: readonly string[];
}

/** The outcome of matching a line against a command table. */
export type CommandMatch<Id extends string = string> =
  | { readonly kind: 'ok'; readonly id: Id; readonly args: readonly string[] }
  | { readonly kind: 'invalid'; readonly column: number }
  | { readonly kind: 'incomplete' }
  | { readonly kind: 'ambiguous'; readonly token: string; readonly column: number }
  | { readonly kind: 'empty' };

/** A token of a command line with its column (for the caret under an invalid word). */
export interface Token {
  readonly text: string;
  readonly column: number;
}

const ARG = '<arg>';
const REST = '<rest>';

/** Splits a line into whitespace-separated tokens with their columns. */
export function tokenize(line: string): Token[] {
  return [...line.matchAll(/\S+/g)].map((m) => ({ text: m[0], column: m.index }));
}

function isPlaceholder(word: string | undefined): boolean {
  return word === ARG || word === REST;
}

/** Does syntax `s` accept `tok` at position `i`? */
function accepts(s: CommandSyntax, i: number, tok: string): boolean {
  const restAt = s.words.indexOf(REST);
  if (restAt !== -1 && i >= restAt) return true;
  const word = s.words[i];
  if (word === undefined) return false;
  if (word === ARG) return true;
  return word.toLowerCase().startsWith(tok.toLowerCase());
}

/** Narrows candidates at one position: an exact keyword beats prefixes; keywords beat args. */
function narrow<Id extends string>(
  candidates: readonly CommandSyntax<Id>[],
  i: number,
  tok: string,
): { next: CommandSyntax<Id>[]; ambiguous: boolean } {
  const accepting = candidates.filter((s) => accepts(s, i, tok));
  const lower = tok.toLowerCase();
  const keywordOf = (s: CommandSyntax<Id>): string | undefined => {
    const w = s.words[i];
    return w === undefined ||
      isPlaceholder(w) ||
      (s.words.indexOf(REST) !== -1 && i >= s.words.indexOf(REST))
      ? undefined
      : w.toLowerCase();
  };
  const exact = accepting.filter((s) => keywordOf(s) === lower);
  if (exact.length > 0) return { next: exact, ambiguous: false };
  const keywords = new Set(accepting.map(keywordOf).filter((w) => w !== undefined));
  if (keywords.size > 1) return { next: accepting, ambiguous: true };
  if (keywords.size === 1) {
    return { next: accepting.filter((s) => keywordOf(s) !== undefined), ambiguous: false };
  }
  return { next: accepting, ambiguous: false };
}

/** Is the syntax satisfied by exactly `count` tokens? */
function complete(s: CommandSyntax, count: number): boolean {
  const restAt = s.words.indexOf(REST);
  return restAt === -1 ? s.words.length === count : count >= restAt;
}

/**
 * Matches a line against a command table the way IOS-style parsers do: each word may be
 * abbreviated to a unique prefix; an unknown word is invalid at its column; a word that prefixes
 * several keywords is ambiguous; a line that stops early is incomplete.
 */
export function matchCommand<Id extends string>(
  line: string,
  table: readonly CommandSyntax<Id>[],
): CommandMatch<Id> {
  const tokens = tokenize(line);
  if (tokens.length === 0) return { kind: 'empty' };
  let candidates: CommandSyntax<Id>[] = [...table];
  for (const [i, tok] of tokens.entries()) {
    const { next, ambiguous } = narrow(candidates, i, tok.text);
    if (next.length === 0) return { kind: 'invalid', column: tok.column };
    if (ambiguous) return { kind: 'ambiguous', token: tok.text, column: tok.column };
    candidates = next;
  }
  const done = candidates.find((s) => complete(s, tokens.length));
  if (!done) return { kind: 'incomplete' };
  const args = tokens.filter(
    (_, i) =>
      isPlaceholder(done.words[i]) ||
      (done.words.indexOf(REST) !== -1 && i >= done.words.indexOf(REST)),
  );
  return { kind: 'ok', id: done.id, args: args.map((t) => t.text) };
}

/** Shorthand to build a table: `syntax('show-run', 'show running-config <rest>')`. */
export function syntax<Id extends string>(id: Id, words: string): CommandSyntax<Id> {
  return { id, words: words.split(' ') };
}
