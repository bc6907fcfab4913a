import { type DeviceResultSummaryInput, summarizeOutcome } from './outcome';

const device = (
  state: DeviceResultSummaryInput['state'],
  extra: Partial<DeviceResultSummaryInput> = {},
): DeviceResultSummaryInput => ({ state, isCanary: false, ...extra });

const canary = (state: DeviceResultSummaryInput['state']): DeviceResultSummaryInput =>
  device(state, { isCanary: true });

describe('summarizeOutcome', () => {
  it('completes when every device succeeded', () => {
    const outcome = summarizeOutcome(
      [canary('succeeded'), device('succeeded'), device('succeeded')],
      'running',
    );
    expect(outcome).toMatchObject({
      total: 3,
      unfinished: 0,
      canaryState: 'succeeded',
      status: 'completed',
    });
    expect(outcome.byState.succeeded).toBe(3);
    expect(outcome.byState.failed).toBe(0);
  });

  it('fails when the canary did not succeed, with the rest skipped', () => {
    const outcome = summarizeOutcome(
      [
        canary('failed'),
        device('skipped', { skipReason: 'canary_failed' }),
        device('skipped', { skipReason: 'canary_failed' }),
      ],
      'running',
    );
    expect(outcome.status).toBe('failed');
    expect(outcome.bySkipReason).toEqual({ canary_failed: 2 });
  });

  it('fails when a single device failed within budget, or was aborted', () => {
    expect(summarizeOutcome([canary('succeeded'), device('failed')], 'running').status).toBe(
      'failed',
    );
    expect(summarizeOutcome([canary('succeeded'), device('aborted')], 'paused').status).toBe(
      'failed',
    );
  });

  it('fails when a budget tripped', () => {
    const results = [
      canary('succeeded'),
      device('failed', { failureCode: 'command_error' }),
      device('skipped', { skipReason: 'budget_exceeded' }),
    ];
    expect(summarizeOutcome(results, 'running')).toMatchObject({
      status: 'failed',
      bySkipReason: { budget_exceeded: 1 },
      byFailureCode: { command_error: 1 },
    });
  });

  it('is cancelled when the run was cancelled or terminated, whatever the devices did', () => {
    const results = [
      canary('succeeded'),
      device('aborted', { failureCode: 'aborted' }),
      device('skipped', { skipReason: 'cancelled' }),
    ];
    expect(summarizeOutcome(results, 'cancelling').status).toBe('cancelled');
    expect(summarizeOutcome(results, 'terminating').status).toBe('cancelled');
    expect(summarizeOutcome([canary('succeeded')], 'cancelling').status).toBe('cancelled');
  });

  it('counts failures per code, for failed and aborted devices only', () => {
    const outcome = summarizeOutcome(
      [
        canary('succeeded'),
        device('failed', { failureCode: 'auth_failed' }),
        device('failed', { failureCode: 'auth_failed' }),
        device('failed', { failureCode: 'connection_timeout' }),
        device('aborted', { failureCode: 'aborted' }),
        device('failed'),
        device('succeeded', { failureCode: 'session_dropped' }), // an earlier attempt's code
      ],
      'running',
    );
    expect(outcome.byFailureCode).toEqual({ auth_failed: 2, connection_timeout: 1, aborted: 1 });
    expect(outcome.byState).toMatchObject({ failed: 4, aborted: 1, succeeded: 2 });
  });

  it('reports unfinished devices as partial results, with no final status yet', () => {
    const outcome = summarizeOutcome(
      [canary('succeeded'), device('applying'), device('pending'), device('failed')],
      'paused',
    );
    expect(outcome).toMatchObject({ total: 4, unfinished: 2, status: null });
    expect(outcome.byState).toMatchObject({ applying: 1, pending: 1, failed: 1, succeeded: 1 });
  });

  it('summarises an empty run and one without a marked canary', () => {
    expect(summarizeOutcome([], 'running')).toMatchObject({
      total: 0,
      canaryState: null,
      status: 'completed',
    });
    expect(summarizeOutcome([device('succeeded')], 'running').status).toBe('completed');
  });
});
