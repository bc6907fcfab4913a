import type { Redis } from 'ioredis';
import { LuaScript } from '../coordinator/lua-script';

/**
 * Admission of one SSH login under the fleet-wide caps, in one round trip:
 * a counting semaphore of open sessions across every worker, then a token bucket of new
 * logins per second (spares TACACS/RADIUS).
 * KEYS[1] zset owner → expiry (ms, Redis clock); KEYS[2] hash {tokens, at}.
 * ARGV[1] owner, ARGV[2] session cap, ARGV[3] slot ttl ms, ARGV[4] logins per second (also the
 * burst). Expired holders (crashed workers) are dropped first; re-taking a held slot renews it.
 * Returns -1 when the fleet is at its session cap (nothing taken), 0 when the slot and a login
 * token were taken, else the ms to wait for the next token (the slot is kept meanwhile).
 */
const ADMIT = new LuaScript(
  'fleet-admit',
  `local t = redis.call('TIME')
local nowUs = tonumber(t[1]) * 1000000 + tonumber(t[2])
local nowMs = math.floor(nowUs / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', nowMs)
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) and redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then
  return -1
end
redis.call('ZADD', KEYS[1], nowMs + tonumber(ARGV[3]), ARGV[1])
local now = nowUs / 1000
local rate = tonumber(ARGV[4])
local tokens = tonumber(redis.call('HGET', KEYS[2], 'tokens') or rate)
local at = tonumber(redis.call('HGET', KEYS[2], 'at') or now)
tokens = math.min(rate, tokens + (now - at) * rate / 1000)
local wait = 0
if tokens >= 1 then tokens = tokens - 1 else wait = math.ceil((1 - tokens) * 1000 / rate) end
redis.call('HSET', KEYS[2], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[2], 60000)
return wait`,
);

/**
 * Renews a held session slot (a long session must not be taken back as a crashed worker's).
 * KEYS[1] zset owner → expiry (ms, Redis clock); ARGV[1] owner, ARGV[2] ttl ms.
 * Returns 1 when renewed, 0 when `owner` holds no slot.
 */
const RENEW_SESSION = new LuaScript(
  'fleet-renew-session',
  `if not redis.call('ZSCORE', KEYS[1], ARGV[1]) then return 0 end
local t = redis.call('TIME')
local nowMs = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZADD', KEYS[1], nowMs + tonumber(ARGV[2]), ARGV[1])
return 1`,
);

/** What {@link FleetLimits.admit} answers: go, or ask again after `retryInMs`. */
export type Admission =
  | { readonly admitted: true }
  | {
      readonly admitted: false;
      readonly reason: 'sessions' | 'login_rate';
      readonly retryInMs: number;
    };

/** How long a login refused for want of a session slot waits before asking again. */
const SLOT_POLL_MS = 50;

/** Options of {@link FleetLimits}. */
export interface FleetLimitsOptions {
  /** Open SSH sessions allowed across every worker. */
  readonly maxSessions: number;
  /** New logins per second allowed across every worker. */
  readonly loginsPerSecond: number;
  /** A session slot held this long without renewal is taken back. */
  readonly slotTtlMs?: number;
}

/** Fleet-wide caps shared by every worker process through Redis. */
export class FleetLimits {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly options: FleetLimitsOptions,
  ) {}

  /**
   * Admits one login for `owner`: takes (or renews) a session slot under the fleet's cap and a
   * token of the login rate. Not admitted: ask again after `retryInMs`.
   */
  async admit(owner: string): Promise<Admission> {
    const reply = Number(
      await ADMIT.run(
        this.redis,
        [`${this.prefix}:limits:sessions`, `${this.prefix}:limits:logins`],
        [
          owner,
          this.options.maxSessions,
          this.options.slotTtlMs ?? 60_000,
          this.options.loginsPerSecond,
        ],
      ),
    );
    if (reply === 0) return { admitted: true };
    if (reply < 0) return { admitted: false, reason: 'sessions', retryInMs: SLOT_POLL_MS };
    return { admitted: false, reason: 'login_rate', retryInMs: reply };
  }

  /** Keeps `owner`'s session slot for another slot TTL; false when it holds none. */
  async renewSession(owner: string): Promise<boolean> {
    const reply = await RENEW_SESSION.run(
      this.redis,
      [`${this.prefix}:limits:sessions`],
      [owner, this.options.slotTtlMs ?? 60_000],
    );
    return reply === 1;
  }

  /** Gives a session slot back. */
  async releaseSession(owner: string): Promise<void> {
    await this.redis.zrem(`${this.prefix}:limits:sessions`, owner);
  }
}
