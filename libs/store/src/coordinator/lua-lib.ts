import { EVENTS_PER_DEVICE } from '../append-events.lua';
import { luaStateTables } from './lua-tables';

/**
 * The shared prelude of every coordinator script: the KEYS layout (see `JobKeys.ordered`),
 * the common ARGV, event emission (numbered, appended to the job's stream, published once per
 * script), the run-state hash and the job lifecycle.
 *
 * KEYS: 1 record, 2 run, 3 pending, 4 dispatched, 5 dstate, 6 dgen, 7 dattempt, 8 dslot,
 *       9 waves, 10 results, 11 events, 12 seq, 13 dkeys, 14 dtasks, 15 dstarted, 16 dcounts,
 *       17 groups, 18 parked, 19 ready
 * ARGV: 1 jobId, 2 now (ISO), 3 now (ms), 4 stream cap for a job of few devices (the job's
 *       stream keeps at least its `total` × EVENTS_PER_DEVICE), 5 events channel, 6.. script arguments
 *
 * Invariants every script keeps: a device index is in exactly one of {pending list, parked
 * set, dispatched set, terminal}; run.inFlight = |dispatched|; run.parked = |parked|;
 * run.notStartedInWave counts the parked devices plus the head of the pending list that
 * belongs to the current wave; a group's `n` counts its dispatched devices, never above its
 * cap; a group is in the ready set iff it is under its cap and has parked devices; event seq
 * values are 1, 2, 3, …;
 * dcounts[s] = |{devices in state s}| (a device's state changes only through `setState`).
 */
export const LUA_PRELUDE = `
${luaStateTables()}
local K_RECORD, K_RUN, K_PENDING, K_DISPATCHED = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local K_DSTATE, K_DGEN, K_DATTEMPT, K_DSLOT = KEYS[5], KEYS[6], KEYS[7], KEYS[8]
local K_WAVES, K_RESULTS, K_EVENTS, K_SEQ, K_DKEYS, K_DTASKS = KEYS[9], KEYS[10], KEYS[11], KEYS[12], KEYS[13], KEYS[14]
local K_DSTARTED, K_DCOUNTS = KEYS[15], KEYS[16]
local K_GROUPS, K_PARKED, K_READY = KEYS[17], KEYS[18], KEYS[19]
local JOB_ID, NOW_ISO, NOW_MS, MAXLEN, CHANNEL = ARGV[1], ARGV[2], tonumber(ARGV[3]), ARGV[4], ARGV[5]
local A = 6

local published = {}
local streamCap
local function append(body)
  streamCap = streamCap or math.max(tonumber(MAXLEN), (tonumber(redis.call('HGET', K_RUN, 'total')) or 0) * ${EVENTS_PER_DEVICE})
  local seq = redis.call('INCR', K_SEQ)
  local full = '{"seq":' .. seq .. ',"jobId":' .. cjson.encode(JOB_ID) .. ',"at":"' .. NOW_ISO .. '",' .. string.sub(body, 2)
  redis.call('XADD', K_EVENTS, 'MAXLEN', '~', streamCap, '0-' .. seq, 'e', full)
  published[#published + 1] = full
end
local function emit(ev) append(cjson.encode(ev)) end
-- events the caller hands in (its device's log lines so far) from ARGV[from] on, before the step's own
local function appendFrom(from)
  for i = from, #ARGV do append(ARGV[i]) end
end
local function flush()
  if #published > 0 then redis.call('PUBLISH', CHANNEL, '[' .. table.concat(published, ',') .. ']') end
end

local NUMERIC = {waveIndex=1, waveCount=1, notStartedInWave=1, inFlight=1, waveFailures=1, failures=1,
  concurrency=1, staggerUs=1, nextSlotUs=1, lastStartUs=1, pauseAfterCanary=1, awaitingApproval=1,
  startedAtMs=1, total=1, endAtMs=1, grouped=1, parked=1}
-- the run hash as loaded: saveRun writes only the fields that changed (most steps change one or
-- two of ~18; writing all of them was a third of a step's Redis time)
local loaded = {}
local function loadRun()
  local raw = redis.call('HGETALL', K_RUN)
  local m = {}
  for i = 1, #raw, 2 do
    local k, v = raw[i], raw[i + 1]
    if NUMERIC[k] then v = tonumber(v) end
    m[k] = v
    loaded[k] = v
  end
  return m
end
-- Lua's tostring keeps 14 digits: a µs timestamp (16 digits) would lose up to 50 µs
local function exact(v)
  if type(v) == 'number' and v == math.floor(v) then return string.format('%.0f', v) end
  return tostring(v)
end
local function saveRun(m)
  local flat = {}
  for k, v in pairs(m) do
    if loaded[k] ~= v then
      flat[#flat + 1] = k
      flat[#flat + 1] = exact(v)
      loaded[k] = v
    end
  end
  if #flat > 0 then redis.call('HSET', K_RUN, unpack(flat)) end
end

-- moves a device to state \`to\` (from \`from\` when the caller knows it) and keeps dcounts;
-- a job stored before dcounts existed has none, and is counted device by device instead
local countsKept
local function setState(idx, to, from)
  from = from or redis.call('HGET', K_DSTATE, idx)
  if from == to then return end
  redis.call('HSET', K_DSTATE, idx, to)
  if countsKept == nil then countsKept = redis.call('EXISTS', K_DCOUNTS) == 1 end
  if not countsKept then return end
  if from and redis.call('HINCRBY', K_DCOUNTS, from, -1) <= 0 then redis.call('HDEL', K_DCOUNTS, from) end
  redis.call('HINCRBY', K_DCOUNTS, to, 1)
end

local function deviceKey(idx) return redis.call('HGET', K_DKEYS, idx) end
local function generation(idx) return tonumber(redis.call('HGET', K_DGEN, idx) or '0') end
local function attempts(idx) return tonumber(redis.call('HGET', K_DATTEMPT, idx) or '0') end

local function jobTransition(event, reason, actor)
  local from = redis.call('HGET', K_RECORD, 'status')
  local to = jobT()[event] and jobT()[event][from]
  if not to then return nil, from end
  redis.call('HSET', K_RECORD, 'status', to, 'updated_at', NOW_ISO)
  if to == 'running' and redis.call('HEXISTS', K_RECORD, 'started_at') == 0 then
    redis.call('HSET', K_RECORD, 'started_at', NOW_ISO)
  end
  if TERMINAL_JOB[to] then redis.call('HSET', K_RECORD, 'finished_at', NOW_ISO) end
  local ev = {type='job:status', from=from, to=to}
  if reason then ev.reason = reason end
  if actor then ev.actor = actor end
  emit(ev)
  return to, from
end
`;
