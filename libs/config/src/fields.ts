import { z } from 'zod';
import { Secret } from './secret';

/**
 * A schema for one environment variable's text (already known to be non-blank), producing a
 * typed value. On bad input its issue message reads "expected …, got …. <how to fix>"; the
 * loader prefixes the variable name.
 */
export type EnvField<T> = z.ZodType<T, string>;

/** How a field shows the bad value it got; secrets show only their length. */
type Show = (text: string) => string;

/** Longest bad value echoed back; past that an env var is almost surely a paste accident. */
const MAX_ECHO = 80;

/** Quotes a bad value for a message, escaping control characters and shortening it. */
export const quoteValue: Show = (text) => {
  const short = text.length > MAX_ECHO ? `${text.slice(0, MAX_ECHO)}…` : text;
  return `'${JSON.stringify(short).slice(1, -1).replace(/'/g, "\\'")}'`;
};

/** Describes a secret without showing it. */
const showLength: Show = (text) => `a value of ${text.length} characters (hidden)`;

/** Builds a field from a parser that returns `undefined` for bad input. */
export function envField<T>(
  expected: string,
  hint: string,
  parse: (text: string) => T | undefined,
  show: Show = quoteValue,
): EnvField<T> {
  return z.string().transform((raw, ctx) => {
    const value = parse(raw.trim());
    if (value !== undefined) return value;
    ctx.addIssue({ code: 'custom', message: `expected ${expected}, got ${show(raw)}. ${hint}` });
    return z.NEVER;
  });
}

/** Parses a decimal integer without sign, exponent or fraction. */
function parseInteger(text: string, min: number, max: number): number | undefined {
  if (!/^\d{1,16}$/.test(text)) return undefined;
  const n = Number(text);
  return n >= min && n <= max ? n : undefined;
}

/** Options of {@link portField}. */
export interface PortFieldOptions {
  /** The example in the fix-it hint. */
  readonly example?: number;
  /** Accept 0 ("any free port"), for tests and side-by-side runs. */
  readonly allowAnyPort?: boolean;
}

/** A TCP port, 1–65535 (or 0 when allowed). */
export function portField(options: PortFieldOptions = {}): EnvField<number> {
  const min = options.allowAnyPort === true ? 0 : 1;
  const example = options.example ?? 8080;
  return envField(`an integer ${min}-65535`, `Set it to a free TCP port, e.g. ${example}.`, (t) =>
    parseInteger(t, min, 65535),
  );
}

/** Options of {@link positiveIntField}. */
export interface PositiveIntFieldOptions {
  readonly max: number;
  /** What the number counts, for the hint ("device tasks in flight per worker"). */
  readonly meaning: string;
  readonly example: number;
}

/** An integer from 1 to `max`. */
export function positiveIntField(options: PositiveIntFieldOptions): EnvField<number> {
  return envField(
    `an integer 1-${options.max}`,
    `Set it to the number of ${options.meaning}, e.g. ${options.example}.`,
    (t) => parseInteger(t, 1, options.max),
  );
}

/** An integer from 0 to `max`, where 0 has a meaning of its own (`zero`: "keep forever"). */
export function countField(
  options: PositiveIntFieldOptions & { readonly zero: string },
): EnvField<number> {
  return envField(
    `an integer 0-${options.max} (0: ${options.zero})`,
    `Set it to the number of ${options.meaning}, e.g. ${options.example}, or 0 to ${options.zero}.`,
    (t) => parseInteger(t, 0, options.max),
  );
}

/** Options of {@link positiveNumberField}. */
export interface PositiveNumberFieldOptions {
  readonly max: number;
  readonly meaning: string;
  readonly example: number;
}

/** A number greater than 0 and at most `max`; decimals allowed (`0.5` logins per second). */
export function positiveNumberField(options: PositiveNumberFieldOptions): EnvField<number> {
  return envField(
    `a number greater than 0 and at most ${options.max}`,
    `Set it to the ${options.meaning}, e.g. ${options.example}.`,
    (t) => {
      if (!/^\d{1,12}(\.\d{1,6})?$/.test(t)) return undefined;
      const n = Number(t);
      return n > 0 && n <= options.max ? n : undefined;
    },
  );
}

/**
 * Longest duration accepted: Node's timers take at most 2^31-1 ms (about 24.8 days) and
 * silently fire after 1 ms for anything longer.
 */
export const MAX_DURATION_MS = 2 ** 31 - 1;

/** A duration in whole milliseconds, 1 ms to {@link MAX_DURATION_MS}. */
export function durationMsField(options: { readonly example: number }): EnvField<number> {
  return envField(
    `a whole number of milliseconds 1-${MAX_DURATION_MS}`,
    `Set it in milliseconds without a unit, e.g. ${options.example} for ${options.example / 1000} s.`,
    (t) => parseInteger(t, 1, MAX_DURATION_MS),
  );
}

/** A boolean written `true`, `false`, `1` or `0` (any case). */
export function booleanField(): EnvField<boolean> {
  return envField('true, false, 1 or 0', 'Set it to true or false.', (t) => {
    const v = t.toLowerCase();
    if (v === 'true' || v === '1') return true;
    if (v === 'false' || v === '0') return false;
    return undefined;
  });
}

/** One of a closed set of words (case-insensitive), e.g. `strict|tofu`. */
export function enumField<const V extends readonly [string, ...string[]]>(
  values: V,
  hint = `Set it to one of: ${values.join(', ')}.`,
): EnvField<V[number]> {
  return envField(`one of ${values.join('|')}`, hint, (t) =>
    values.find((v) => v === t.toLowerCase()),
  );
}

/** The log levels of pino, the project's logger, from most to least verbose-silent. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;

/** A log level. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** A pino log level. */
export function logLevelField(): EnvField<LogLevel> {
  return enumField(LOG_LEVELS, `Set it to one of ${LOG_LEVELS.join(', ')}; info is usual.`);
}

/** Masks a URL's password, or anything between `//` and `@` in text that does not parse. */
function showUrl(text: string): string {
  return quoteValue(text.replace(/\/\/[^/@]*@/, '//***@'));
}

/** A URL with one of the given schemes (`redis:`, `https:`…); the text is returned as given. */
export function urlField(options: {
  readonly protocols: readonly string[];
  readonly example: string;
}): EnvField<string> {
  const schemes = options.protocols.map((p) => `${p}//`).join(' or ');
  return envField(
    `a ${schemes} URL`,
    `Set it to a full URL, e.g. ${options.example}.`,
    (t) => (URL.canParse(t) && options.protocols.includes(new URL(t).protocol) ? t : undefined),
    showUrl,
  );
}

/** Printable ASCII without spaces: what an HTTP `Authorization` header can carry. */
const TOKEN_TEXT = /^[\x21-\x7e]+$/;

/** A secret string (token), shown in errors only by its length. */
export function secretField(options: {
  readonly minLength: number;
  readonly hint: string;
}): EnvField<Secret<string>> {
  return envField(
    `at least ${options.minLength} printable ASCII characters without spaces`,
    options.hint,
    (t) => (t.length >= options.minLength && TOKEN_TEXT.test(t) ? new Secret(t) : undefined),
    showLength,
  );
}

/** Size of the AES-256-GCM key that encrypts device secrets. */
export const SECRET_KEY_BYTES = 32;

/** A 32-byte key given as 64 hex digits or as base64 (standard or URL-safe). */
export function secretKeyField(): EnvField<Secret<Uint8Array>> {
  return envField(
    `${SECRET_KEY_BYTES} bytes as 64 hex digits or 44 base64 characters`,
    'Generate one with `openssl rand -hex 32` and keep it outside Redis and the repository.',
    parseKey,
    showLength,
  );
}

function parseKey(text: string): Secret<Uint8Array> | undefined {
  if (/^[0-9a-fA-F]{64}$/.test(text)) return new Secret(Uint8Array.from(Buffer.from(text, 'hex')));
  // Buffer's base64 decoder skips invalid characters, so the shape is checked first.
  if (!/^[A-Za-z0-9+/]{43}=?$/.test(text) && !/^[A-Za-z0-9_-]{43}=?$/.test(text)) return undefined;
  const bytes = Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return bytes.length === SECRET_KEY_BYTES ? new Secret(Uint8Array.from(bytes)) : undefined;
}

/** A Redis key prefix: letters, digits, `_`, `.`, `-`; no braces (they are hash tags). */
export function prefixField(): EnvField<string> {
  return envField(
    "1-64 letters, digits, '_', '.' or '-', starting with a letter or digit",
    'Set it to a short name such as fleetpush or fleetpush-staging.',
    (t) => (/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(t) ? t : undefined),
  );
}

/** A filesystem path; relative paths resolve against the working directory. */
export function pathField(options: { readonly example: string }): EnvField<string> {
  return envField(
    'a path',
    `Set it to a directory, e.g. ${options.example}.`,
    // eslint-disable-next-line no-control-regex -- NUL cannot appear in a path
    (t) => (/\u0000/.test(t) ? undefined : t),
  );
}

/** A comma-separated list of browser origins (`https://ops.example.com`), no paths, no `*`. */
export function originListField(): EnvField<readonly string[]> {
  return envField(
    'comma-separated origins such as https://ops.example.com (scheme, host and port only; * is not allowed)',
    'List each web origin allowed to call the API, or leave it empty for same-origin only.',
    (t) => {
      const entries = t
        .split(',')
        .map((e) => e.trim())
        .filter((e) => e !== '');
      const origins = entries.map(parseOrigin);
      return origins.every((o) => o !== undefined) ? origins : undefined;
    },
  );
}

function parseOrigin(text: string): string | undefined {
  if (!URL.canParse(text)) return undefined;
  const url = new URL(text);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  return url.origin === text.replace(/\/$/, '') ? url.origin : undefined;
}
