import type { FinishedJob, FleetpushClient } from '@fleetpush/client';
import type { FleetEvent } from '@fleetpush/contracts';
import type { CliIo } from './cli-io';
import { followJob } from './follow-job';

const PER_SITE = { strategy: { concurrency: 10, limits: [{ per: 'site', concurrency: 1 }] } };

/** A client whose job runs until `finish()`; its detail says `held` devices held by limits. */
function fakeClient(spec: Record<string, unknown>) {
  const state = { held: 3, reads: 0, finish: (): void => undefined };
  const detail = () => ({
    id: 'j1',
    status: 'running',
    targets: 5,
    spec,
    run: { held_by_limits: state.held },
  });
  const client = {
    jobs: {
      get: () => {
        state.reads += 1;
        return Promise.resolve(detail());
      },
    },
    awaitJob: (_id: string, { onEvent }: { onEvent: (event: FleetEvent) => void }) =>
      new Promise<FinishedJob>((resolve) => {
        state.finish = () => {
          onEvent({ type: 'job:finished', status: 'completed' } as FleetEvent);
          resolve({ job: detail() } as unknown as FinishedJob);
        };
      }),
  } as unknown as FleetpushClient;
  return { client, state };
}

function logIo(lines: string[]): CliIo {
  return {
    stdout: () => undefined,
    stderr: (t) => lines.push(t),
    env: {},
    cwd: '/',
    interactive: false,
  };
}

describe('followJob', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('reads the run of a job with group limits every 3 s while it runs, and says what they hold back', async () => {
    const { client, state } = fakeClient(PER_SITE);
    const lines: string[] = [];
    const followed = followJob(client, 'j1', logIo(lines), { progress: true });
    await jest.advanceTimersByTimeAsync(0);
    expect(state.reads).toBe(1); // the detail it starts from

    state.held = 12;
    await jest.advanceTimersByTimeAsync(3_000);
    expect(state.reads).toBe(2);
    expect(lines.at(-1)).toContain(' · 0 in flight · 12 held by limits · ');

    state.finish();
    await followed;
    expect(lines.at(-1)).not.toContain('held by limits');
    await jest.advanceTimersByTimeAsync(10_000);
    expect(state.reads).toBe(2); // stopped with the job
  });

  it('does not read the run of a job without limits', async () => {
    const { client, state } = fakeClient({ strategy: { concurrency: 10 } });
    const followed = followJob(client, 'j1', logIo([]), { progress: true });
    await jest.advanceTimersByTimeAsync(10_000);
    state.finish();
    await followed;
    expect(state.reads).toBe(1);
  });
});
