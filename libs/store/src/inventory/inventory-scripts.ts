import { LuaScript } from '../coordinator/lua-script';

/**
 * Swaps a staged inventory in for the live one, atomically: a reader sees the old inventory
 * or the new one, never a mix.
 * KEYS[1] live devices hash, KEYS[2] live order zset, KEYS[3] staged hash, KEYS[4] staged zset,
 * KEYS[5] reachability hash (entries of devices no longer present are deleted).
 * ARGV[1] the number of devices staged.
 * Invariant: the staged pair holds exactly ARGV[1] devices, or nothing is changed (error
 * `STAGING_LOST`: the staging expired, or another writer touched it).
 * Returns {created, updated, removed}: devices new to the inventory, devices it already had
 * (by key), devices it had that the new one lacks.
 */
export const SWAP_INVENTORY = new LuaScript(
  'inventory-swap',
  `local n = tonumber(ARGV[1])
if n == 0 then
  local removed = redis.call('HLEN', KEYS[1])
  redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5])
  return {0, 0, removed}
end
if redis.call('HLEN', KEYS[3]) ~= n or redis.call('ZCARD', KEYS[4]) ~= n then
  return redis.error_reply('STAGING_LOST staged inventory is incomplete')
end
-- what the swap does to the devices already there: kept (updated) or gone (removed)
local kept, removed = 0, 0
for _, key in ipairs(redis.call('HKEYS', KEYS[1])) do
  if redis.call('HEXISTS', KEYS[3], key) == 1 then kept = kept + 1 else removed = removed + 1 end
end
redis.call('RENAME', KEYS[3], KEYS[1])
redis.call('PERSIST', KEYS[1])
redis.call('RENAME', KEYS[4], KEYS[2])
redis.call('PERSIST', KEYS[2])
for _, key in ipairs(redis.call('HKEYS', KEYS[5])) do
  if redis.call('HEXISTS', KEYS[1], key) == 0 then redis.call('HDEL', KEYS[5], key) end
end
return {n - kept, kept, removed}`,
);

/**
 * Inserts or updates devices by key, atomically. An updated device keeps its `created_at` and
 * its position; a new one is appended after the last.
 * KEYS[1] devices hash, KEYS[2] order zset.
 * ARGV[1] now (ISO-8601, the `created_at` of new devices); then pairs of device key and device
 * JSON without `created_at` (an object, so its last character is the closing brace).
 * Returns the number of devices created.
 */
export const MERGE_DEVICES = new LuaScript(
  'inventory-merge',
  `local last = redis.call('ZRANGE', KEYS[2], -1, -1, 'WITHSCORES')
local position = 0
if last[2] then position = tonumber(last[2]) + 1 end
local created = 0
for i = 2, #ARGV, 2 do
  local key, body = ARGV[i], ARGV[i + 1]
  local at = ARGV[1]
  local old = redis.call('HGET', KEYS[1], key)
  if old then
    local ok, doc = pcall(cjson.decode, old)
    if ok and type(doc) == 'table' and type(doc.created_at) == 'string' then at = doc.created_at end
  else
    created = created + 1
  end
  if not redis.call('ZSCORE', KEYS[2], key) then
    redis.call('ZADD', KEYS[2], position, key)
    position = position + 1
  end
  redis.call('HSET', KEYS[1], key, string.sub(body, 1, -2) .. ',"created_at":' .. cjson.encode(at) .. '}')
end
return created`,
);

/**
 * One page of the inventory in import order, read atomically with the total.
 * KEYS[1] devices hash, KEYS[2] order zset, KEYS[3] reachability hash. ARGV[1] first rank,
 * ARGV[2] last rank (inclusive; at most a few thousand apart: HMGET's arguments go through
 * Lua's `unpack`).
 * Returns `{ total, keys, records, reachability }` (a missing record or check comes back as nil).
 */
export const READ_PAGE = new LuaScript(
  'inventory-page',
  `local total = redis.call('ZCARD', KEYS[2])
local keys = redis.call('ZRANGE', KEYS[2], ARGV[1], ARGV[2])
if #keys == 0 then return { total, {}, {}, {} } end
return {
  total,
  keys,
  redis.call('HMGET', KEYS[1], unpack(keys)),
  redis.call('HMGET', KEYS[3], unpack(keys)),
}`,
);

/**
 * Records connection checks of devices that are still in the inventory (a device deleted or
 * replaced away while it was being checked gets no record).
 * KEYS[1] devices hash, KEYS[2] reachability hash. ARGV: pairs of device key and check JSON.
 * Returns the number of checks recorded.
 */
export const RECORD_REACHABILITY = new LuaScript(
  'inventory-reachability',
  `local recorded = 0
for i = 1, #ARGV, 2 do
  if redis.call('HEXISTS', KEYS[1], ARGV[i]) == 1 then
    redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1])
    recorded = recorded + 1
  end
end
return recorded`,
);
