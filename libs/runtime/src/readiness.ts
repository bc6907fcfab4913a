import { settleWithin } from './settle-within';

/** One readiness condition: true when met. */
export type ReadinessCheck = () => boolean | Promise<boolean>;

/** What `/readyz` answers (the API's and every other service's alike). */
export interface ReadinessReport {
  readonly status: 'ready' | 'not_ready';
  readonly checks: Readonly<Record<string, boolean>>;
}

/** A probe answers within this; a check that takes longer counts as failed. */
const CHECK_TIMEOUT_MS = 1_000;

/** Runs every check (in parallel, each bounded in time); ready when all pass. */
export async function readiness(
  checks: Readonly<Record<string, ReadinessCheck>>,
): Promise<ReadinessReport> {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      const result = await settleWithin(Promise.resolve().then(check), CHECK_TIMEOUT_MS);
      return [name, result.ok && result.value] as const;
    }),
  );
  const ready = entries.every(([, ok]) => ok);
  return { status: ready ? 'ready' : 'not_ready', checks: Object.fromEntries(entries) };
}

/** A Redis client, as far as a readiness check needs one. */
export interface Pingable {
  ping(): Promise<string>;
}

/** The check "Redis answers": a PING that comes back PONG. */
export function redisAnswers(redis: Pingable): ReadinessCheck {
  return async () => (await redis.ping()) === 'PONG';
}
