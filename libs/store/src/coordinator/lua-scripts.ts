import { LUA_GROUPS } from './lua-groups';
import { LUA_PRELUDE } from './lua-lib';
import { LUA_SETTLE } from './lua-settle';

/** Words by which a script body uses the scheduling step (see LUA_SETTLE). */
const USES_SETTLE = /\b(settle|finish|commit|enterWave)\(/;

/** A coordinator script: the prelude, the scheduling step when the body uses it, the body. */
function script(body: string): string {
  return USES_SETTLE.test(body)
    ? `${LUA_PRELUDE}\n${LUA_GROUPS}\n${LUA_SETTLE}\n${body}`
    : `${LUA_PRELUDE}\n${body}`;
}

/**
 * start: queued → running; dispatches the canary.
 * ARGV[A]: actor. Returns {'ok', idx, gen, …} or {'invalid', fromState}.
 */
export const START_LUA = script(`
local to, from = jobTransition('start', nil, ARGV[A])
if not to then return {'invalid', from or 'missing'} end
local m = loadRun()
m.startedAtMs = NOW_MS
local out = {}
settle(m, out)
return commit(m, {'ok'}, out)
`);

/**
 * begin: a worker is about to touch a device. Fencing, control and the stagger gate.
 * ARGV[A]: index, ARGV[A+1]: generation.
 * Returns {'drop'} (stale or already finished), {'requeued'} (run paused: back to pending),
 * {'skipped', idx, gen, …} (run cancelled: never started), {'wait', ms} (stagger gate: call
 * again then), {'recover', state, attempt} (a previous attempt was interrupted mid-session),
 * {'go', attempt}.
 */
export const BEGIN_LUA = script(`
local idx, gen = ARGV[A], tonumber(ARGV[A + 1])
local state = redis.call('HGET', K_DSTATE, idx)
if (not state) or TERMINAL_DEVICE[state] or gen ~= generation(idx) then return {'drop'} end
if not redis.call('ZSCORE', K_DISPATCHED, idx) then return {'drop'} end
if state ~= 'queued' then return {'recover', state, attempts(idx)} end
local function nowUs()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000000 + tonumber(t[2])
end
local function go(startUs)
  local attempt = redis.call('HINCRBY', K_DATTEMPT, idx, 1)
  setState(idx, 'connecting', 'queued')
  redis.call('HSET', K_DSTARTED, idx, startUs)
  emit({type='device:status', deviceKey=deviceKey(idx), state='connecting', attempt=attempt})
  flush()
  return {'go', attempt}
end
-- the common case (running, no stagger, no window closed) needs three fields of the run, not all of it
local control, staggerUs, endAtMs = unpack(redis.call('HMGET', K_RUN, 'control', 'staggerUs', 'endAtMs'))
endAtMs = tonumber(endAtMs) or 0
if control == 'running' and tonumber(staggerUs) == 0 and (endAtMs <= 0 or NOW_MS < endAtMs) then
  return go(nowUs())
end
local m = loadRun()
closeWindowIfDue(m)
if m.control == 'paused' then
  redis.call('ZREM', K_DISPATCHED, idx)
  if m.grouped == 1 then releaseGroups(idx) end
  redis.call('HDEL', K_DSLOT, idx)
  redis.call('LPUSH', K_PENDING, idx)
  setState(idx, 'pending', 'queued')
  -- the next dispatch is a new delivery: BullMQ keeps finished ids, so the id must change
  redis.call('HINCRBY', K_DGEN, idx, 1)
  m.inFlight = m.inFlight - 1
  m.notStartedInWave = m.notStartedInWave + 1
  emit({type='device:status', deviceKey=deviceKey(idx), state='pending', attempt=attempts(idx), message='run paused'})
  saveRun(m)
  flush()
  return {'requeued'}
end
if m.control == 'cancelling' or m.control == 'terminating' then
  redis.call('ZREM', K_DISPATCHED, idx)
  if m.grouped == 1 then releaseGroups(idx) end
  setState(idx, 'skipped', 'queued')
  local why = stopReason(m)
  redis.call('HSET', K_RESULTS, idx, cjson.encode({state='skipped', skipReason=why, attempts=attempts(idx)}))
  emit({type='device:result', deviceKey=deviceKey(idx), state='skipped', attempts=attempts(idx), skipReason=why})
  m.inFlight = m.inFlight - 1
  local out = {}
  settle(m, out)
  saveRun(m)
  flush()
  return {'skipped'}
end
local now = nowUs()
if m.staggerUs > 0 then
  local slot = tonumber(redis.call('HGET', K_DSLOT, idx) or '-1')
  if slot < 0 then
    slot = math.max(now, m.nextSlotUs)
    m.nextSlotUs = slot + m.staggerUs
    redis.call('HSET', K_DSLOT, idx, slot)
  end
  local gate = math.max(slot, m.lastStartUs + m.staggerUs)
  if now < gate then
    saveRun(m)
    return {'wait', math.ceil((gate - now) / 1000)}
  end
  m.lastStartUs = now
  if m.nextSlotUs < now + m.staggerUs then m.nextSlotUs = now + m.staggerUs end
  redis.call('HDEL', K_DSLOT, idx)
end
saveRun(m)
return go(now)
`);

/**
 * journal: records a device's next pipeline phase before the worker performs it.
 * ARGV[A]: index, ARGV[A+1]: generation, ARGV[A+2]: new state, ARGV[A+3..]: events to append
 * first, whatever the reply (the session's log lines so far: they happened).
 * Returns {'ok', control} or {'stale'} (another delivery owns the device, or it is finished)
 * or {'invalid', state}.
 */
export const JOURNAL_LUA = script(`
local idx, gen, to = ARGV[A], tonumber(ARGV[A + 1]), ARGV[A + 2]
appendFrom(A + 3)
local state = redis.call('HGET', K_DSTATE, idx)
if (not state) or TERMINAL_DEVICE[state] or gen ~= generation(idx) then
  flush()
  return {'stale'}
end
local NEXT = {connecting='pre_check', pre_check='applying', applying='post_check'}
if NEXT[state] ~= to then
  flush()
  return {'invalid', state}
end
setState(idx, to, state)
emit({type='device:status', deviceKey=deviceKey(idx), state=to, attempt=attempts(idx)})
flush()
return {'ok', redis.call('HGET', K_RUN, 'control')}
`);

/**
 * complete: ends a device exactly once and lets the run move on.
 * ARGV[A]: index, ARGV[A+1]: generation, ARGV[A+2]: outcome (succeeded|failed|aborted),
 * ARGV[A+3]: result JSON (stored), ARGV[A+4]: device:result event body (JSON, no envelope),
 * ARGV[A+5..]: events to append first, whatever the reply (the session's last log lines).
 * Returns {'duplicate'}, {'stale'} or {'ok', status-or-'', idx, gen, …} (devices to dispatch).
 */
export const COMPLETE_LUA = script(`
local idx, gen, outcome = ARGV[A], tonumber(ARGV[A + 1]), ARGV[A + 2]
appendFrom(A + 5)
local state = redis.call('HGET', K_DSTATE, idx)
if (not state) or TERMINAL_DEVICE[state] then
  flush()
  return {'duplicate'}
end
if gen ~= generation(idx) then
  flush()
  return {'stale'}
end
setState(idx, outcome, state)
redis.call('HSET', K_RESULTS, idx, ARGV[A + 3])
redis.call('ZREM', K_DISPATCHED, idx)
redis.call('HDEL', K_DSLOT, idx)
append(ARGV[A + 4])
local m = loadRun()
m.inFlight = m.inFlight - 1
if m.grouped == 1 then releaseGroups(idx) end
if m.phase == 'canary' then
  m.canaryOutcome = outcome
  local passed = outcome == 'succeeded'
  emit({type='job:canary', deviceKey=deviceKey(idx), verdict=(passed and 'passed' or 'failed'),
    awaitingApproval=(passed and m.pauseAfterCanary == 1 and m.waveCount > 0)})
elseif outcome == 'failed' or outcome == 'aborted' then
  m.waveFailures = m.waveFailures + 1
  m.failures = m.failures + 1
end
local out = {}
settle(m, out)
return commit(m, {'ok', m.status or ''}, out)
`);

/**
 * retry: the device's attempt failed in a way the policy retries; it stays in flight, with a
 * new generation (the next delivery), unless the run is stopping.
 * ARGV[A]: index, ARGV[A+1]: generation, ARGV[A+2]: message.
 * Returns {'ok', newGen}, {'stale'} or {'stopping'} (complete the device instead).
 */
export const RETRY_LUA = script(`
local idx, gen = ARGV[A], tonumber(ARGV[A + 1])
local state = redis.call('HGET', K_DSTATE, idx)
if (not state) or TERMINAL_DEVICE[state] or gen ~= generation(idx) then return {'stale'} end
local control = redis.call('HGET', K_RUN, 'control')
if control == 'cancelling' or control == 'terminating' then return {'stopping'} end
local newGen = redis.call('HINCRBY', K_DGEN, idx, 1)
setState(idx, 'queued', state)
redis.call('ZADD', K_DISPATCHED, NOW_MS, idx)
emit({type='device:status', deviceKey=deviceKey(idx), state='queued', attempt=attempts(idx), message=ARGV[A + 2]})
flush()
return {'ok', newGen}
`);

/**
 * control: an operator's pause / resume / cancel / terminate.
 * ARGV[A]: action, ARGV[A+1]: actor, ARGV[A+2]: reason (may be empty).
 * Returns {'ok', jobStatus, idx, gen, …} (devices to dispatch on resume), {'noop', jobStatus}
 * (already in that state) or {'invalid', jobStatus}.
 */
export const CONTROL_LUA = script(`
local action, actor = ARGV[A], ARGV[A + 1]
local reason = ARGV[A + 2] ~= '' and ARGV[A + 2] or nil
local status = redis.call('HGET', K_RECORD, 'status')
if not status then return {'invalid', 'missing'} end
local m = loadRun()
local want = ({pause='paused', resume='running', cancel='cancelling', terminate='terminating'})[action]
if m.control == want then return {'noop', status} end
if TERMINAL_JOB[status] then return {'invalid', status} end
local out = {}
if status == 'queued' then
  if action ~= 'cancel' and action ~= 'terminate' then return {'invalid', status} end
  m.control = want
  finish(m, 'cancelled', 'cancelled')
elseif action == 'pause' then
  if m.control ~= 'running' then return {'invalid', status} end
  m.control = 'paused'
  jobTransition('pause', reason, actor)
elseif action == 'resume' then
  if m.control ~= 'paused' then return {'invalid', status} end
  m.control = 'running'
  m.awaitingApproval = 0
  jobTransition('resume', reason, actor)
elseif action == 'cancel' then
  if m.control ~= 'running' and m.control ~= 'paused' then return {'invalid', status} end
  m.control = 'cancelling'
  jobTransition('cancel', reason, actor)
else
  m.control = 'terminating'
  if status ~= 'cancelling' then jobTransition('cancel', reason, actor) end
end
settle(m, out)
redis.call('PUBLISH', ARGV[A + 3], cjson.encode({jobId=JOB_ID, action=action, at=NOW_MS}))
return commit(m, {'ok', redis.call('HGET', K_RECORD, 'status')}, out)
`);

/**
 * redispatch: the reconciler found a dispatched device with no live queue entry; give it a
 * new generation so a fresh delivery owns it (the journal decides whether that is a plain
 * start or a crash recovery).
 * ARGV[A]: index. Returns {'ok', newGen} or {'gone'} (no longer dispatched).
 */
export const REDISPATCH_LUA = script(`
local idx = ARGV[A]
if not redis.call('ZSCORE', K_DISPATCHED, idx) then return {'gone'} end
local newGen = redis.call('HINCRBY', K_DGEN, idx, 1)
redis.call('ZADD', K_DISPATCHED, NOW_MS, idx)
return {'ok', newGen}
`);

/**
 * tick: the watchdog's step for one job: re-run the scheduling step, which finishes a run
 * whose work is all terminal and dispatches what a lost reply left undone.
 * Returns {'ok', status-or-'', idx, gen, …}.
 */
export const TICK_LUA = script(`
local m = loadRun()
if not m.phase or redis.call('HGET', K_RECORD, 'status') == 'queued' then return {'ok', ''} end
local out = {}
settle(m, out)
return commit(m, {'ok', m.status or ''}, out)
`);
