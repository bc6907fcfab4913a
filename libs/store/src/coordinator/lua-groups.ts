/**
 * Group limits (`strategy.limits`) in Lua, used by the scheduling step: a device of a grouped
 * job starts only when every group it belongs to is under its cap; otherwise it is parked on
 * the group that is full, and devices behind it in the wave may start meanwhile. When a group
 * drops under its cap with devices parked on it, it enters the ready set, whose parked devices
 * the next dispatch tries first (they are earlier in the wave than the pending list's head).
 *
 * A job without limits (`run.grouped` unset) never reads these keys. See the invariants in
 * LUA_PRELUDE.
 */
export const LUA_GROUPS = `
local GROUP_SPAN = 16777216
-- the device's group ids, or nil when no limit covers it
local function groupsOf(idx)
  local raw = redis.call('HGET', K_GROUPS, 'd' .. idx)
  if not raw then return nil end
  local gs = {}
  for g in string.gmatch(raw, '%d+') do gs[#gs + 1] = g end
  return gs
end
local function groupCap(g) return tonumber(redis.call('HGET', K_GROUPS, 'c' .. g)) end
local function groupLoad(g) return tonumber(redis.call('HGET', K_GROUPS, 'n' .. g) or '0') end
-- the first of the groups at its cap, or nil when the device may start
local function fullGroup(gs)
  for _, g in ipairs(gs) do
    if groupLoad(g) >= groupCap(g) then return g end
  end
  return nil
end
local function firstParked(g)
  local base = tonumber(g) * GROUP_SPAN
  return redis.call('ZRANGEBYSCORE', K_PARKED, base, base + GROUP_SPAN - 1, 'LIMIT', 0, 1)[1]
end
local function park(m, idx, g)
  redis.call('ZADD', K_PARKED, tonumber(g) * GROUP_SPAN + tonumber(idx), idx)
  m.parked = m.parked + 1
end
local function occupy(gs)
  for _, g in ipairs(gs) do
    if redis.call('HINCRBY', K_GROUPS, 'n' .. g, 1) >= groupCap(g) then redis.call('ZREM', K_READY, g) end
  end
end
-- a dispatched device of a grouped job left the window (ended, skipped, or back to pending)
local function releaseGroups(idx)
  local gs = groupsOf(idx)
  if not gs then return end
  for _, g in ipairs(gs) do
    if redis.call('HINCRBY', K_GROUPS, 'n' .. g, -1) < groupCap(g) and firstParked(g) then
      redis.call('ZADD', K_READY, tonumber(g), g)
    end
  end
end
`;
