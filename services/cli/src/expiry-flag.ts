import { UsageError } from './cli-errors';

const UNIT_MS: Readonly<Record<string, number>> = { h: 3_600_000, d: 86_400_000 };

/**
 * `--expires` as an ISO time: `30d` and `12h` count from `now`, or an ISO time as it is. A time
 * not in the future is a {@link UsageError} (the API would refuse it too).
 */
export function expiryFlag(raw: string | undefined, now: Date, usage: string): string | undefined {
  if (raw === undefined) return undefined;
  const relative = /^(\d{1,5})([dh])$/.exec(raw.trim());
  const at = relative
    ? now.getTime() + Number(relative[1]) * (UNIT_MS[relative[2] ?? 'd'] ?? 0)
    : Date.parse(raw);
  if (Number.isNaN(at) || !/\d/.test(raw)) {
    throw new UsageError(`--expires must be like 30d, 12h or an ISO time, got "${raw}"`, usage);
  }
  if (at <= now.getTime())
    throw new UsageError(`--expires must be in the future, got "${raw}"`, usage);
  return new Date(at).toISOString();
}
