/**
 * The coordinator's scheduling step, in Lua: the mirror of the domain's `decideRun` /
 * `applyRunDecision` on the run hash, with two differences: it decides *dispatches* (a device
 * handed to the queue counts against the window at once), while the stagger gate is applied
 * when a worker begins the device (`begin`), on the Redis clock; and only it knows the change
 * window: a run past its end (`endAtMs`) stops starting devices and drains as a cancelled one
 * does, its unstarted devices skipped for `window_closed`.
 *
 * `settle(m, out)` loops until nothing more can happen now: dispatch up to the window, enter
 * the next wave, hold for approval after the canary, or finish the run (skipping what never
 * started). Dispatched devices are appended to `out` as index, generation pairs. A job with
 * group limits dispatches through LUA_GROUPS (parking what its groups hold back); the domain's
 * model knows neither the window nor the groups (the coordinator is the one that runs).
 */
export const LUA_SETTLE = `
local function tally()
  local counts = {}
  local raw = redis.call('HGETALL', K_DCOUNTS)
  for i = 1, #raw, 2 do counts[raw[i]] = tonumber(raw[i + 1]) end
  if #raw > 0 then return counts end
  -- a job stored before dcounts existed
  for _, state in ipairs(redis.call('HVALS', K_DSTATE)) do counts[state] = (counts[state] or 0) + 1 end
  return counts
end

local function launch(idx, out)
  setState(idx, 'queued', 'pending')
  redis.call('ZADD', K_DISPATCHED, NOW_MS, idx)
  local gen = generation(idx)
  out[#out + 1] = idx
  out[#out + 1] = gen
  emit({type='device:status', deviceKey=deviceKey(idx), state='queued', attempt=attempts(idx)})
end

-- one device of a grouped job: started when every group of its has room (1), else parked (0)
local function tryStart(m, idx, out)
  local gs = groupsOf(idx)
  if gs then
    local full = fullGroup(gs)
    if full then
      park(m, idx, full)
      return 0
    end
    occupy(gs)
  end
  launch(idx, out)
  return 1
end

-- a grouped job's dispatch: parked devices whose group has room first, then the pending head
-- (what cannot start yet is parked; it still counts in notStartedInWave). One call parks at
-- most PARK_BUDGET devices (~5 ms; a wave of 10,000 behind full groups took ~50 ms in one call);
-- the next step (a device ending, the watchdog's tick) goes on from there.
local PARK_BUDGET = 500
local function dispatchGrouped(m, n, out)
  local sent, parkedNow = 0, 0
  local function try(idx)
    local started = tryStart(m, idx, out)
    sent = sent + started
    parkedNow = parkedNow + 1 - started
  end
  while sent < n and parkedNow < PARK_BUDGET do
    local g = redis.call('ZRANGE', K_READY, 0, 0)[1]
    if not g then break end
    local idx = firstParked(g)
    if idx then
      redis.call('ZREM', K_PARKED, idx)
      m.parked = m.parked - 1
      try(idx)
    end
    if not idx or not firstParked(g) then redis.call('ZREM', K_READY, g) end
  end
  local fresh = m.notStartedInWave - m.parked
  while sent < n and fresh > 0 and parkedNow < PARK_BUDGET do
    local idx = redis.call('LPOP', K_PENDING)
    if not idx then break end
    fresh = fresh - 1
    try(idx)
  end
  return sent
end

local function dispatch(m, n, out)
  if n <= 0 then return end
  local sent = 0
  if m.grouped == 1 then
    sent = dispatchGrouped(m, n, out)
  else
    local idxs = redis.call('LPOP', K_PENDING, n)
    for _, idx in ipairs(idxs or {}) do launch(idx, out) end
    sent = idxs and #idxs or 0
  end
  m.notStartedInWave = m.notStartedInWave - sent
  m.inFlight = m.inFlight + sent
end

local function finish(m, status, reason)
  local unstarted = redis.call('LRANGE', K_PENDING, 0, -1)
  if m.grouped == 1 then
    for _, idx in ipairs(redis.call('ZRANGE', K_PARKED, 0, -1)) do unstarted[#unstarted + 1] = idx end
    redis.call('DEL', K_PARKED, K_READY)
    m.parked = 0
  end
  for _, idx in ipairs(unstarted) do
    setState(idx, 'skipped', 'pending')
    redis.call('HSET', K_RESULTS, idx, cjson.encode({state='skipped', skipReason=reason, attempts=attempts(idx)}))
    emit({type='device:result', deviceKey=deviceKey(idx), state='skipped', attempts=attempts(idx), skipReason=reason})
  end
  redis.call('DEL', K_PENDING, K_DSLOT)
  m.notStartedInWave = 0
  m.phase = 'finished'
  m.status = status
  m.skipReason = reason or ''
  -- kept on the record too: lists and results say why a job ended without reading its run
  if reason then redis.call('HSET', K_RECORD, 'end_reason', reason) end
  local event = (status == 'completed' and 'complete') or (status == 'failed' and 'fail') or 'drained'
  local to = jobTransition(event, reason)
  if not to and status == 'cancelled' then jobTransition('cancel', reason) end
  local ev = {type='job:finished', status=status, counts=tally(), durationMs=math.max(0, NOW_MS - (m.startedAtMs or NOW_MS))}
  if reason then ev.reason = reason end
  emit(ev)
end

-- why the run stops starting devices: an operator's cancel, or its change window closing
local function stopReason(m)
  if m.stopReason and m.stopReason ~= '' then return m.stopReason end
  return 'cancelled'
end

-- the change window (\`endAtMs\`, 0 = none) has closed on a run still starting devices: from now
-- on it drains as if cancelled, and the devices it never started end skipped (window_closed)
local function closeWindowIfDue(m)
  if (m.endAtMs or 0) <= 0 or NOW_MS < m.endAtMs then return end
  if m.control == 'cancelling' or m.control == 'terminating' then return end
  m.control = 'cancelling'
  m.stopReason = 'window_closed'
  m.awaitingApproval = 0
  jobTransition('cancel', 'change window closed', 'fleetpush')
end

local function waveSpec(i)
  local spec = redis.call('LINDEX', K_WAVES, i)
  local size, tolerated = string.match(spec, '^(%d+) (%-?%d+)$')
  return tonumber(size), tonumber(tolerated)
end

local function enterWave(m, i)
  if m.phase == 'waves' then emit({type='job:wave', wave=m.waveIndex, size=(waveSpec(m.waveIndex)), phase='completed'}) end
  if i >= m.waveCount then
    if m.failures > 0 then finish(m, 'failed', nil) else finish(m, 'completed', nil) end
    return
  end
  local fromCanary = m.phase == 'canary'
  local size = waveSpec(i)
  m.phase = 'waves'
  m.waveIndex = i
  m.notStartedInWave = size
  m.waveFailures = 0
  emit({type='job:wave', wave=i, size=size, phase='started'})
  if fromCanary and m.pauseAfterCanary == 1 then
    m.control = 'paused'
    m.awaitingApproval = 1
    jobTransition('pause', 'awaiting approval after the canary', 'fleetpush')
  end
end

-- Saves the run, publishes the step's events and builds the reply: head, then idx, gen, ...
local function commit(m, head, out)
  saveRun(m)
  flush()
  for _, v in ipairs(out) do head[#head + 1] = v end
  return head
end

local function settle(m, out)
  for _ = 1, 1000000 do
    if m.phase == 'finished' then return end
    closeWindowIfDue(m)
    if m.control == 'cancelling' or m.control == 'terminating' then
      if m.inFlight == 0 then finish(m, 'cancelled', stopReason(m)) end
      return
    end
    if m.phase == 'canary' then
      if m.canaryOutcome == '' then
        if m.control == 'running' and m.inFlight == 0 then dispatch(m, m.notStartedInWave, out) end
        return
      elseif m.canaryOutcome ~= 'succeeded' then
        finish(m, 'failed', 'canary_failed')
        return
      end
      enterWave(m, 0)
    else
      local size, tolerated = waveSpec(m.waveIndex)
      if tolerated >= 0 and m.waveFailures > tolerated then
        if m.inFlight == 0 then finish(m, 'failed', 'budget_exceeded') end
        return
      end
      if m.notStartedInWave > 0 then
        if m.control == 'running' then
          dispatch(m, math.min(m.concurrency - m.inFlight, m.notStartedInWave), out)
        end
        return
      end
      if m.inFlight > 0 then return end
      enterWave(m, m.waveIndex + 1)
    end
  end
end
`;
