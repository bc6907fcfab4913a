import { z } from 'zod';
import { fingerprintSchema, platformSchema, tagSchema, variableName } from './fields';

/** The inventory CSV columns fleetpush understands (nw-edit's, plus secret/credential/tags/host_key). */
export const KNOWN_CSV_COLUMNS = [
  'host',
  'port',
  'device_type',
  'username',
  'password',
  'name',
  'verify_cmds',
  'host_vars',
  'prod',
  'secret',
  'credential',
  'tags',
  'host_key',
] as const;

/**
 * Other names operators give fleetpush's columns (lower-case header → column): Netmiko-style
 * inventories call the enable secret `enable_secret`.
 */
export const CSV_COLUMN_ALIASES: Readonly<Record<string, (typeof KNOWN_CSV_COLUMNS)[number]>> = {
  enable_secret: 'secret',
};

/** Columns that must be present in the header. */
export const REQUIRED_CSV_COLUMNS = ['host', 'device_type'] as const;

/** Columns whose values are secrets: never echoed in errors, never exported. */
export const SECRET_CSV_COLUMNS: ReadonlySet<string> = new Set(['password', 'secret']);

const HOSTNAME =
  /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const IPV6 = /^[0-9A-Fa-f:.]+$/;

/** Whether `h` (no brackets) is a well-formed IPv6 literal: 8 groups, or fewer around one `::`. */
function isIpv6Literal(h: string): boolean {
  const lastColon = h.lastIndexOf(':');
  const tail = h.slice(lastColon + 1);
  // An embedded IPv4 tail (`::ffff:192.0.2.1`) stands for two groups.
  if (tail.includes('.') && !IPV4.test(tail)) return false;
  const text = tail.includes('.') ? `${h.slice(0, lastColon + 1)}0:0` : h;
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const groups = halves.flatMap((part) => (part === '' ? [] : part.split(':')));
  if (!groups.every((g) => /^[0-9A-Fa-f]{1,4}$/.test(g))) return false;
  return halves.length === 2 ? groups.length <= 7 : groups.length === 8;
}

/** A device host: an IPv4 or IPv6 literal (brackets allowed) or a DNS name. */
export const hostSchema = z
  .string()
  .trim()
  .min(1, 'is required')
  .transform((h) => (h.startsWith('[') && h.endsWith(']') ? h.slice(1, -1) : h))
  .refine(
    (h) =>
      IPV4.test(h) ||
      (h.includes(':') && IPV6.test(h) && isIpv6Literal(h)) ||
      (HOSTNAME.test(h) && !/^[\d.]+$/.test(h)),
    'must be an IPv4/IPv6 address or a DNS name',
  );

const optionalText = z
  .string()
  .optional()
  .transform((s) => (s === undefined || s.trim() === '' ? undefined : s.trim()));

/** `prod`: true/yes/1 or false/no/0/blank, case-insensitive. Anything else is an error, not "false". */
const prodSchema = z
  .string()
  .optional()
  .transform((s, ctx) => {
    const v = (s ?? '').trim().toLowerCase();
    if (['true', 'yes', '1'].includes(v)) return true;
    if (['false', 'no', '0', ''].includes(v)) return false;
    ctx.addIssue({ code: 'custom', message: `must be true or false, got "${s}"` });
    return z.NEVER;
  });

/** `port`: blank = 22. */
const portCell = z
  .string()
  .optional()
  .transform((s, ctx) => {
    const v = (s ?? '').trim();
    if (v === '') return 22;
    const n = Number(v);
    if (Number.isInteger(n) && n >= 1 && n <= 65535 && /^\d+$/.test(v)) return n;
    ctx.addIssue({ code: 'custom', message: `must be an integer 1-65535, got "${s}"` });
    return z.NEVER;
  });

/** `verify_cmds`: split on `;` (write `\;` for a literal semicolon), trimmed, blanks dropped. */
export function splitVerifyCommands(cell: string | undefined): string[] {
  if (!cell) return [];
  return cell
    .split(/(?<!\\);/)
    .map((c) => c.replace(/\\;/g, ';').trim())
    .filter((c) => c.length > 0);
}

/** `host_vars`: a JSON object of identifier → string/number/boolean; values become strings. */
const hostVarsCell = z
  .string()
  .optional()
  .transform((s, ctx) => {
    if (!s || s.trim() === '') return {};
    let parsed: unknown;
    try {
      parsed = JSON.parse(s);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON object, e.g. {"vlan":"10"}' });
      return z.NEVER;
    }
    return stringifyHostVars(parsed, ctx);
  });

function stringifyHostVars(parsed: unknown, ctx: z.RefinementCtx): Record<string, string> {
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    ctx.addIssue({ code: 'custom', message: 'must be a JSON object, not an array or a scalar' });
    return {};
  }
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (!variableName.safeParse(key).success) {
      ctx.addIssue({ code: 'custom', message: `key "${key}" is not an identifier` });
    } else if (['string', 'number', 'boolean'].includes(typeof value)) {
      out[key] = String(value);
    } else {
      ctx.addIssue({
        code: 'custom',
        message: `value of "${key}" must be a string, number or boolean`,
      });
    }
  }
  return out;
}

const tagsCell = z
  .string()
  .optional()
  .transform((s) =>
    (s ?? '')
      .split(/[;,]/)
      .map((t) => t.trim())
      .filter(Boolean),
  )
  .pipe(z.array(tagSchema));

/**
 * One inventory CSV row, headers already trimmed and lower-cased. Every column is a string
 * cell; the schema parses and normalises them. Issue paths name the column.
 */
export const deviceRowSchema = z
  .object({
    host: hostSchema,
    port: portCell,
    device_type: z.string().trim().min(1, 'is required').pipe(platformSchema),
    username: optionalText,
    password: z
      .string()
      .optional()
      .transform((s) => (s === undefined || s === '' ? undefined : s)),
    name: optionalText,
    verify_cmds: z.string().optional().transform(splitVerifyCommands),
    host_vars: hostVarsCell,
    prod: prodSchema,
    secret: z
      .string()
      .optional()
      .transform((s) => (s === undefined || s === '' ? undefined : s)),
    credential: optionalText,
    tags: tagsCell,
    host_key: z
      .string()
      .optional()
      .transform((s) => (s === undefined || s.trim() === '' ? undefined : s.trim()))
      .pipe(fingerprintSchema.optional()),
  })
  .superRefine((row, ctx) => {
    if (row.credential === undefined && row.username === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['username'],
        message: 'is required unless a credential profile is named',
      });
    }
    if (row.credential === undefined && row.password === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['password'],
        message: 'is required unless a credential profile is named (credential column)',
      });
    }
  });

/** A parsed inventory row. Passwords are still in clear here: encrypt before storing. */
export type DeviceRow = z.output<typeof deviceRowSchema>;
