import { emptyForm, toSubmission, type JobForm } from './job-form';

/** A form that would be submitted: a name and a command on every device. */
function composed(patch: Partial<JobForm> = {}): JobForm {
  return { ...emptyForm(), name: 'ntp', commands: 'ntp server 10.0.0.1', ...patch };
}

describe('toSubmission', () => {
  it("sends the form's group limits as strategy.limits, beside the concurrency", () => {
    const body = toSubmission(
      composed({
        limits: [
          { kind: 'per', name: 'site', concurrency: '1' },
          { kind: 'tag', name: '', concurrency: '3' },
          { kind: 'tag', name: 'core', concurrency: '2' },
        ],
      }),
      undefined,
      false,
    );
    expect(body.strategy).toEqual({
      concurrency: 10,
      stagger_ms: 0,
      stop_on_error: true,
      limits: [
        { per: 'site', concurrency: 1 },
        { tag: 'core', concurrency: 2 },
      ],
    });
  });

  it('sends no limits when the form has none', () => {
    const body = toSubmission(composed(), undefined, false);
    expect(body.strategy).not.toHaveProperty('limits');
  });
});
