import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './cli-errors';

/** Flags every API command takes. */
export const CONNECTION_OPTIONS = {
  url: { type: 'string' },
  token: { type: 'string' },
  'gateway-url': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

/** The flags of a listing's page: `--limit N` (at least 1) and `--offset N`. */
export const PAGE_OPTIONS = {
  limit: { type: 'string' },
  offset: { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

/** The page {@link PAGE_OPTIONS} ask for (only the flags given), or a {@link UsageError}. */
export function pageFlags(
  values: { readonly limit?: string; readonly offset?: string },
  usage: string,
): { limit?: number; offset?: number } {
  const limit = intFlag('limit', values.limit, 1, usage);
  const offset = intFlag('offset', values.offset, 0, usage);
  return { ...(limit !== undefined && { limit }), ...(offset !== undefined && { offset }) };
}

/** The usage lines of {@link CONNECTION_OPTIONS}. */
export const CONNECTION_USAGE = `connection (every command but start and sim):
  --url URL            the API (default FLEETPUSH_URL, http://127.0.0.1:8080)
  --token TOKEN        bearer token (default FLEETPUSH_TOKEN, else the local admin token file)
  --gateway-url URL    Socket.IO gateway for live events (default FLEETPUSH_GATEWAY_URL, else polling)
  --json               machine-readable output on stdout`;

/** The flags a command takes, as `util.parseArgs` declares them. */
export type CommandOptions = NonNullable<ParseArgsConfig['options']>;

/** Parsed flags and positionals of one command. */
export interface ParsedFlags<O extends CommandOptions> {
  readonly values: ReturnType<typeof parseArgs<{ options: O; allowPositionals: true }>>['values'];
  readonly positionals: string[];
}

/**
 * `util.parseArgs` in strict mode, its errors turned into a {@link UsageError} that names the
 * flag and carries the command's usage; `--help` becomes a usage "error" printed with exit 0.
 */
export function parseFlags<O extends CommandOptions>(
  args: readonly string[],
  options: O,
  usage: string,
): ParsedFlags<O> {
  try {
    const parsed = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
    return { values: parsed.values, positionals: parsed.positionals };
  } catch (error) {
    throw new UsageError(firstSentence((error as Error).message), usage);
  }
}

/** parseArgs explains at length how to pass a positional starting with '-'; the flag is enough. */
function firstSentence(message: string): string {
  const end = message.indexOf('. ');
  return end === -1 ? message : message.slice(0, end + 1);
}

/** An integer flag value within bounds, or a {@link UsageError} naming the flag. */
export function intFlag(
  name: string,
  raw: string | undefined,
  min: number,
  usage: string,
): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!/^-?\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value < min) {
    throw new UsageError(`--${name} must be an integer >= ${min}, got "${raw}"`, usage);
  }
  return value;
}

/** One of a closed set of flag values, or a {@link UsageError} naming the flag. */
export function choiceFlag<T extends string>(
  name: string,
  raw: string | undefined,
  choices: readonly T[],
  usage: string,
): T | undefined {
  if (raw === undefined) return undefined;
  if ((choices as readonly string[]).includes(raw)) return raw as T;
  throw new UsageError(`--${name} must be one of ${choices.join('|')}, got "${raw}"`, usage);
}

/** Exactly `count` positionals (named in the message when missing or extra). */
export function positionals(
  parsed: readonly string[],
  names: readonly string[],
  usage: string,
): string[] {
  if (parsed.length < names.length) {
    throw new UsageError(`missing ${names.slice(parsed.length).join(' ')}`, usage);
  }
  if (parsed.length > names.length) {
    throw new UsageError(`unexpected argument "${parsed[names.length] ?? ''}"`, usage);
  }
  return [...parsed];
}

/**
 * A command's flags and exactly its positionals `names`: {@link parseFlags}, then `--help` as
 * the usage (exit 0), then {@link positionals}. What every command starts with.
 */
export function commandArgs<O extends CommandOptions>(
  args: readonly string[],
  options: O,
  names: readonly string[],
  usage: string,
): { readonly values: ParsedFlags<O>['values']; readonly args: string[] } {
  const { values, positionals: rest } = parseFlags(args, options, usage);
  if ((values as { help?: boolean }).help) throw new UsageError('', usage);
  return { values, args: positionals(rest, names, usage) };
}
