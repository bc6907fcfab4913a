import type { Redis } from 'ioredis';
import { LuaScript } from '../coordinator/lua-script';

/**
 * A counting semaphore of open SSH sessions across every worker.
 * KEYS[1] zset owner → expiry (ms, Redis clock); ARGV[1] owner, ARGV[2] cap, ARGV[3] ttl ms.
 * Expired holders (crashed workers) are dropped first. Returns 1 when a slot was taken.
 */
const ACQUIRE_SESSION = new LuaScript(
  'session-acquire',
  `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZSCORE', KEYS[1], ARGV[1]) or redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[2]) then
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1])
  return 1
end
return 0`,
);

/**
 * A token bucket of new SSH logins per second across every worker (spares TACACS/RADIUS).
 * KEYS[1] hash {tokens, at}; ARGV[1] rate per second (also the burst). Returns 0 when a token
 * was taken, else the ms to wait for the next one.
 */
const TAKE_LOGIN = new LuaScript(
  'login-take',
  `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local rate = tonumber(ARGV[1])
local tokens = tonumber(redis.call('HGET', KEYS[1], 'tokens') or rate)
local at = tonumber(redis.call('HGET', KEYS[1], 'at') or now)
tokens = math.min(rate, tokens + (now - at) * rate / 1000)
local wait = 0
if tokens >= 1 then tokens = tokens - 1 else wait = math.ceil((1 - tokens) * 1000 / rate) end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], 60000)
return wait`,
);

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

  /** Takes a session slot for `owner`; false when the fleet is at its cap. Re-taking renews. */
  async acquireSession(owner: string): Promise<boolean> {
    const ttl = this.options.slotTtlMs ?? 60_000;
    const reply = await ACQUIRE_SESSION.run(
      this.redis,
      [`${this.prefix}:limits:sessions`],
      [owner, this.options.maxSessions, ttl],
    );
    return reply === 1;
  }

  /** Gives a session slot back. */
  async releaseSession(owner: string): Promise<void> {
    await this.redis.zrem(`${this.prefix}:limits:sessions`, owner);
  }

  /** Takes a login token: 0 when granted, else how long to wait (ms) before asking again. */
  async takeLogin(): Promise<number> {
    return Number(
      await TAKE_LOGIN.run(
        this.redis,
        [`${this.prefix}:limits:logins`],
        [this.options.loginsPerSecond],
      ),
    );
  }
}
