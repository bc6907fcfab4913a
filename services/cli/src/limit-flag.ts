import { tagSchema, variableName, type GroupLimit } from '@fleetpush/contracts';
import { UsageError } from './cli-errors';

/** The form a `--limit` rule takes, as its errors say it. */
const LIMIT_FORM = 'tag:NAME=N or per:VAR=N';

/** `tag:` or `per:`, a name, `=`, a count: the shape of a rule before its parts are checked. */
const RULE = /^(tag|per):([^=]*)=(.*)$/;

/** What each kind of rule groups by: the placeholder its errors name and the API's check. */
const GROUPED_BY = {
  tag: { placeholder: 'NAME', schema: tagSchema },
  per: { placeholder: 'VAR', schema: variableName },
} as const;

/** The {@link UsageError} for a rule: the flag, the form it takes, what was given and why not. */
function refused(raw: string, usage: string, reason?: string): UsageError {
  const why = reason === undefined ? '' : `: ${reason}`;
  return new UsageError(`--limit takes ${LIMIT_FORM}, got "${raw}"${why}`, usage);
}

/**
 * One `--limit` rule as a group limit of the submission's `strategy.limits`: `tag:NAME=N` (at
 * most N devices tagged NAME in flight at once) or `per:VAR=N` (at most N devices with the same
 * value of the variable VAR). A rule of another shape, a name the API would refuse or an N below
 * 1 is a {@link UsageError} naming the flag and its form; N's upper bound is the API's to say.
 */
export function limitFlag(raw: string, usage: string): GroupLimit {
  const match = RULE.exec(raw.trim());
  if (!match) throw refused(raw, usage);
  const [, kind, name = '', count = ''] = match;
  const { placeholder, schema } = GROUPED_BY[kind as keyof typeof GROUPED_BY];
  const checked = schema.safeParse(name);
  if (!checked.success) {
    throw refused(raw, usage, `${placeholder} ${checked.error.issues[0]?.message ?? 'is invalid'}`);
  }
  const concurrency = Number(count);
  if (!/^\d+$/.test(count) || !Number.isSafeInteger(concurrency) || concurrency < 1) {
    throw refused(raw, usage, 'N must be an integer >= 1');
  }
  return kind === 'tag' ? { tag: name, concurrency } : { per: name, concurrency };
}

/** The `--limit` flags (repeatable) as `strategy.limits`, in their order; undefined without any. */
export function limitFlags(
  raw: readonly string[] | undefined,
  usage: string,
): GroupLimit[] | undefined {
  if (raw === undefined || raw.length === 0) return undefined;
  return raw.map((rule) => limitFlag(rule, usage));
}
