import { err, ok, type Result } from './result';
import { isTemplateIdentifier } from './template-identifier';
import { findUnsafeCharacter, type UnsafeCharacter } from './template-unsafe-character';

/**
 * A token: `{{`, optional whitespace, text without braces, optional whitespace, `}}`. Braces
 * are excluded from the inside so that `{{ {{x}} }}` still finds the inner `{{x}}`.
 */
const TOKEN = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** One template line, split around its variables. */
export interface CompiledTemplateLine {
  /** Literal text between variables; always one more entry than `variables`. */
  readonly literals: readonly string[];
  /** Variable names in order of appearance (repeats kept). */
  readonly variables: readonly string[];
  /** For each entry of `variables`, its index in the template's `variables`. */
  readonly slots: readonly number[];
}

/**
 * A `{{…}}` token whose inside is not an identifier (`{{a-b}}`, or a Go template such as
 * `docker inspect --format '{{.State.Running}}'` on a Linux host). It is sent literally;
 * preflight reports it as a warning, not an error, because such text is legitimate on some
 * platforms while a typo (`{{vlan-id}}`) is worth a second look.
 */
export interface LiteralToken {
  /** One-based line number in the template. */
  readonly line: number;
  /** The token as written, braces included. */
  readonly token: string;
}

/** A template line that itself carries a refused character (see `isUnsafeCodePoint`). */
export interface UnsafeTemplateLine {
  /** One-based line number in the template. */
  readonly line: number;
  readonly character: UnsafeCharacter;
}

/** A template parsed once, rendered many times (once per device). */
export interface CompiledTemplate {
  readonly lines: readonly CompiledTemplateLine[];
  /** Distinct variable names, in order of first use. */
  readonly variables: readonly string[];
  /** For each variable, the one-based line of its first use (for messages). */
  readonly firstUse: ReadonlyMap<string, number>;
  readonly literalTokens: readonly LiteralToken[];
  readonly unsafeLines: readonly UnsafeTemplateLine[];
}

/** Why a template could not be rendered for one set of values. */
export type TemplateRenderError =
  | { readonly kind: 'unresolved'; readonly variable: string }
  | {
      readonly kind: 'unsafe_value';
      readonly variable: string;
      readonly character: UnsafeCharacter;
    };

/**
 * Parses template lines (one command per entry) into literals and `{{name}}` variables.
 * Syntax: `{{name}}` with optional whitespace inside the braces, name an identifier. No
 * escaping, defaults or filters. Never fails: problems are reported on the result.
 */
export function compileTemplate(lines: readonly string[]): CompiledTemplate {
  const firstUse = new Map<string, number>();
  const literalTokens: LiteralToken[] = [];
  const unsafeLines: UnsafeTemplateLine[] = [];
  const compiled = lines.map((text, index) => {
    const line = index + 1;
    const character = findUnsafeCharacter(text);
    if (character !== undefined) unsafeLines.push({ line, character });
    const parsed = compileLine(text, (token) => literalTokens.push({ line, token }));
    for (const name of parsed.variables) if (!firstUse.has(name)) firstUse.set(name, line);
    return parsed;
  });
  const variables = [...firstUse.keys()];
  const slotOf = new Map(variables.map((name, slot) => [name, slot]));
  return {
    lines: compiled.map((line) => ({
      ...line,
      slots: line.variables.map((name) => slotOf.get(name) ?? -1),
    })),
    variables,
    firstUse,
    literalTokens,
    unsafeLines,
  };
}

/** Splits one line; non-identifier tokens stay in the literal text. */
function compileLine(
  text: string,
  onLiteralToken: (token: string) => void,
): Omit<CompiledTemplateLine, 'slots'> {
  const literals: string[] = [];
  const variables: string[] = [];
  let last = 0;
  for (const match of text.matchAll(TOKEN)) {
    const name = match[1] ?? '';
    if (!isTemplateIdentifier(name)) {
      onLiteralToken(match[0]);
      continue;
    }
    const end = match.index + match[0].length;
    literals.push(text.slice(last, match.index));
    variables.push(name);
    last = end;
  }
  literals.push(text.slice(last));
  return { literals, variables };
}

/**
 * Renders a compiled template in a single pass: substituted values are never re-scanned, so a
 * value containing `{{x}}` is sent as that text. Every variable must resolve to a value free of
 * refused characters (line breaks, control and bidi characters); otherwise every offending
 * variable is returned and nothing is rendered.
 */
export function renderTemplate(
  template: CompiledTemplate,
  lookup: (name: string) => string | undefined,
): Result<readonly string[], readonly TemplateRenderError[]> {
  const values: string[] = [];
  let errors: TemplateRenderError[] | undefined;
  for (const variable of template.variables) {
    const value = lookup(variable);
    const character = value === undefined ? undefined : findUnsafeCharacter(value);
    if (value === undefined) (errors ??= []).push({ kind: 'unresolved', variable });
    else if (character !== undefined) {
      (errors ??= []).push({ kind: 'unsafe_value', variable, character });
    }
    values.push(value ?? '');
  }
  if (errors !== undefined) return err(errors);
  return ok(template.lines.map((line) => renderLine(line, values)));
}

/** Joins literals and the values of the line's slots. */
function renderLine(line: CompiledTemplateLine, values: readonly string[]): string {
  const { literals, slots } = line;
  let out = literals[0] ?? '';
  for (let i = 0; i < slots.length; i++) {
    out += (values[slots[i] ?? -1] ?? '') + (literals[i + 1] ?? '');
  }
  return out;
}
