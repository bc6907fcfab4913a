/**
 * Events a job's stream keeps per device before trimming: its statuses (queued, connecting,
 * pre_check, applying, post_check), its result, retries and batched log lines, with room to
 * spare. A job's stream is capped at `max(configured cap, devices × EVENTS_PER_DEVICE)`, so
 * the largest job's replay still starts at its first event.
 */
export const EVENTS_PER_DEVICE = 24;

/**
 * append-events: gives a batch of events the next per-job sequence numbers, appends them to the
 * job's stream and publishes the batch, atomically (no reader ever sees a gap or a reorder).
 *
 * KEYS[1] per-job sequence counter
 * KEYS[2] per-job event stream
 * KEYS[3] the job's run hash (its `total` sizes the stream: see {@link EVENTS_PER_DEVICE})
 * ARGV[1] approximate cap of the stream (MAXLEN ~) for a job of few devices
 * ARGV[2] channel to publish the batch on
 * ARGV[3..] event bodies: JSON objects without `seq`, each starting with `{`
 *
 * Returns the sequence number given to the first event.
 * Invariants: seq values of a job are 1, 2, 3, … with no gap; stream entry ids are `0-<seq>`,
 * so `XRANGE (0-<since> +` reads exactly the events after `since`.
 */
export const APPEND_EVENTS_LUA = `
local cap = math.max(tonumber(ARGV[1]), (tonumber(redis.call('HGET', KEYS[3], 'total')) or 0) * ${EVENTS_PER_DEVICE})
local count = #ARGV - 2
local last = redis.call('INCRBY', KEYS[1], count)
local first = last - count + 1
local out = {}
for i = 1, count do
  local seq = first + i - 1
  local body = '{"seq":' .. seq .. ',' .. string.sub(ARGV[i + 2], 2)
  redis.call('XADD', KEYS[2], 'MAXLEN', '~', cap, '0-' .. seq, 'e', body)
  out[i] = body
end
redis.call('PUBLISH', ARGV[2], '[' .. table.concat(out, ',') .. ']')
return first
`;
