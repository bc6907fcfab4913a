import fc from 'fast-check';
import {
  isTerminalJobState,
  JOB_EVENTS,
  JOB_STATES,
  JOB_TRANSITIONS,
  type JobEvent,
  type JobState,
} from './job-state';
import { allowedJobEvents, transitionJob } from './job-transition';

/** States reachable from `from` through the table, `from` included. */
function reachableFrom(from: JobState): Set<JobState> {
  const seen = new Set<JobState>([from]);
  const todo = [from];
  for (let state = todo.pop(); state !== undefined; state = todo.pop()) {
    for (const event of JOB_EVENTS) {
      const to = JOB_TRANSITIONS[event][state];
      if (to !== undefined && !seen.has(to)) {
        seen.add(to);
        todo.push(to);
      }
    }
  }
  return seen;
}

describe('job state machine', () => {
  const events = fc.array(fc.constantFrom(...JOB_EVENTS), { maxLength: 40 });

  it('from queued, any sequence of events only yields known states, and refuses everything once terminal', () => {
    fc.assert(
      fc.property(events, (sequence) => {
        let state: JobState = 'queued';
        for (const event of sequence) {
          const result = transitionJob(state, event);
          if (isTerminalJobState(state)) expect(result.ok).toBe(false);
          if (result.ok) {
            expect(JOB_STATES).toContain(result.value);
            state = result.value;
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('refuses every pair missing from the table with an error naming the state and the event', () => {
    fc.assert(
      fc.property(fc.constantFrom(...JOB_STATES), fc.constantFrom(...JOB_EVENTS), (from, event) => {
        const result = transitionJob(from, event);
        const expected = JOB_TRANSITIONS[event][from];
        if (expected !== undefined) {
          expect(result).toEqual({ ok: true, value: expected });
          return;
        }
        expect(result.ok).toBe(false);
        if (result.ok) return;
        expect(result.error).toMatchObject({ code: 'invalid_transition', from, event });
        expect(result.error.message).toContain(from);
        expect(result.error.message).toContain(event);
      }),
    );
  });

  it('has no dead end: a terminal state is reachable from every non-terminal state', () => {
    for (const state of JOB_STATES.filter((s) => !isTerminalJobState(s))) {
      const terminal = [...reachableFrom(state)].filter(isTerminalJobState);
      expect({ state, reachesTerminal: terminal.length > 0 }).toEqual({
        state,
        reachesTerminal: true,
      });
    }
  });

  it('lets a paused job still complete or fail, and cancels a queued one at once', () => {
    expect(transitionJob('paused', 'complete')).toEqual({ ok: true, value: 'completed' });
    expect(transitionJob('paused', 'fail')).toEqual({ ok: true, value: 'failed' });
    expect(transitionJob('queued', 'cancel')).toEqual({ ok: true, value: 'cancelled' });
    expect(transitionJob('running', 'cancel')).toEqual({ ok: true, value: 'cancelling' });
  });

  it('offers exactly the events the table allows', () => {
    const offered = (state: JobState): JobEvent[] => allowedJobEvents(state).sort();
    expect(offered('running')).toEqual(['cancel', 'complete', 'fail', 'pause']);
    expect(offered('cancelling')).toEqual(['drained']);
    expect(offered('completed')).toEqual([]);
  });
});
