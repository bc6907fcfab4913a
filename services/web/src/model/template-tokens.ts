/** A piece of a template line: literal text or a `{{variable}}`. */
export interface TemplateToken {
  readonly text: string;
  /** The variable's name when this piece is a `{{…}}` token. */
  readonly variable?: string;
  /** Whether the variable name is valid (`[A-Za-z_][A-Za-z0-9_]*`); invalid ones stay literal. */
  readonly valid?: boolean;
}

/** The same token syntax as libs/domain's templates. */
const TOKEN = /\{\{\s*([^{}]*?)\s*\}\}/g;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Splits a line into literal pieces and `{{var}}` tokens, for highlighting. */
export function tokenizeTemplate(line: string): TemplateToken[] {
  const out: TemplateToken[] = [];
  let last = 0;
  for (const match of line.matchAll(TOKEN)) {
    const index = match.index;
    if (index > last) out.push({ text: line.slice(last, index) });
    const name = match[1] ?? '';
    out.push({ text: match[0], variable: name, valid: IDENTIFIER.test(name) });
    last = index + match[0].length;
  }
  if (last < line.length) out.push({ text: line.slice(last) });
  return out;
}

/** Distinct valid variable names used in `lines`, in order of first use. */
export function variablesOf(lines: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const line of lines)
    for (const t of tokenizeTemplate(line)) if (t.variable && t.valid) seen.add(t.variable);
  return [...seen];
}
