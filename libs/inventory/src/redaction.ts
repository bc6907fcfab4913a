import { isSecretColumn } from './csv-columns';

/** What a secret cell shows in a rejected row. */
export const REDACTED = '[redacted]';

/**
 * Secrets shorter than this are not searched for inside other text: they would match ordinary
 * words ("a", "on") and mangle every message, and a value that short protects nothing anyway.
 * Secret cells themselves are always redacted whatever their length.
 */
const MIN_SCRUBBED_LENGTH = 4;

/** The secret values of a row (exact and trimmed), longest first, for {@link scrubSecrets}. */
export function secretsOf(row: Readonly<Record<string, string>>): string[] {
  const found = new Set<string>();
  for (const [column, value] of Object.entries(row)) {
    if (!isSecretColumn(column)) continue;
    for (const v of [value, value.trim()]) if (v.length >= MIN_SCRUBBED_LENGTH) found.add(v);
  }
  return [...found].sort((a, b) => b.length - a.length);
}

/** Replaces every occurrence of any of `secrets` in `text` with {@link REDACTED}. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  return out;
}

/**
 * A row safe to show: secret cells that are set become {@link REDACTED} (an empty one stays
 * empty, so the operator sees it is missing) and a secret copied into another cell is scrubbed.
 */
export function redactRow(row: Readonly<Record<string, string>>): Record<string, string> {
  const secrets = secretsOf(row);
  const out = Object.create(null) as Record<string, string>;
  for (const [column, value] of Object.entries(row)) {
    if (isSecretColumn(column)) out[column] = value === '' ? '' : REDACTED;
    else out[column] = scrubSecrets(value, secrets);
  }
  return out;
}
