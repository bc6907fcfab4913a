import fc from 'fast-check';
import {
  DEVICE_EVENTS,
  DEVICE_STATES,
  DEVICE_TRANSITIONS,
  type DeviceState,
  isTerminalDeviceState,
} from './device-state';
import { transitionDevice } from './device-transition';

function reachableFrom(from: DeviceState): Set<DeviceState> {
  const seen = new Set<DeviceState>([from]);
  const todo = [from];
  for (let state = todo.pop(); state !== undefined; state = todo.pop()) {
    for (const event of DEVICE_EVENTS) {
      const to = DEVICE_TRANSITIONS[event][state];
      if (to !== undefined && !seen.has(to)) {
        seen.add(to);
        todo.push(to);
      }
    }
  }
  return seen;
}

describe('device-task state machine', () => {
  const events = fc.array(fc.constantFrom(...DEVICE_EVENTS), { maxLength: 60 });

  it('from pending, any sequence of events only yields known states, and refuses everything once terminal', () => {
    fc.assert(
      fc.property(events, (sequence) => {
        let state: DeviceState = 'pending';
        for (const event of sequence) {
          const result = transitionDevice(state, event);
          if (isTerminalDeviceState(state)) expect(result.ok).toBe(false);
          if (result.ok) {
            expect(DEVICE_STATES).toContain(result.value);
            state = result.value;
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('refuses every pair missing from the table with an error naming the state and the event', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...DEVICE_STATES),
        fc.constantFrom(...DEVICE_EVENTS),
        (from, event) => {
          const result = transitionDevice(from, event);
          const expected = DEVICE_TRANSITIONS[event][from];
          if (expected !== undefined) {
            expect(result).toEqual({ ok: true, value: expected });
            return;
          }
          expect(result.ok).toBe(false);
          if (result.ok) return;
          expect(result.error).toMatchObject({ code: 'invalid_transition', from, event });
          expect(result.error.message).toContain(from);
          expect(result.error.message).toContain(event);
        },
      ),
    );
  });

  it('has no dead end: a terminal state is reachable from every non-terminal state', () => {
    for (const state of DEVICE_STATES.filter((s) => !isTerminalDeviceState(s))) {
      const terminal = [...reachableFrom(state)].filter(isTerminalDeviceState);
      expect({ state, reachesTerminal: terminal.length > 0 }).toEqual({
        state,
        reachesTerminal: true,
      });
    }
  });

  it('only lets a task that never started end skipped, and only one in session end aborted', () => {
    const from = (event: 'skip' | 'abort'): string[] =>
      Object.keys(DEVICE_TRANSITIONS[event]).sort();
    expect(from('skip')).toEqual(['pending', 'queued']);
    expect(from('abort')).toEqual(['applying', 'connecting', 'post_check', 'pre_check']);
  });
});
