import { FleetpushApiError } from '@fleetpush/client';
import { TERMINAL_JOB_STATES, type JobState } from '@fleetpush/domain';
import { useState } from 'react';
import { navigate } from '../route';
import { useSession } from '../session';
import { ErrorBox } from './error-box';

/** Whether the API refused the rerun only because production was not confirmed. */
function needsProdConfirmation(error: unknown): boolean {
  return (
    error instanceof FleetpushApiError &&
    error.status === 400 &&
    error.details.some((d) => d.path === 'confirm_prod')
  );
}

/**
 * Runs an ended job's change again, as a new job, on its devices that failed (failed or aborted),
 * after a confirmation; then shows the new job's monitor. Operators and admins. When those
 * devices include production ones, the API says so and the confirmation asks for them too.
 */
export function RerunJob({
  jobId,
  status,
  failed,
}: {
  readonly jobId: string;
  readonly status: string;
  /** How many devices failed or were aborted. */
  readonly failed: number;
}): React.JSX.Element | null {
  const { api, config } = useSession();
  const [confirming, setConfirming] = useState(false);
  const [prod, setProd] = useState<'unknown' | 'asked' | 'confirmed'>('unknown');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (config.principal.role === 'viewer' || failed === 0) return null;
  if (!TERMINAL_JOB_STATES.has(status as JobState)) return null;
  const devices = `${failed} failed device${failed === 1 ? '' : 's'}`;
  const rerun = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const { job } = await api.rerunJob(jobId, { confirm_prod: prod === 'confirmed' });
      navigate({ page: 'monitor', jobId: job.id });
    } catch (e) {
      if (needsProdConfirmation(e) && prod === 'unknown') setProd('asked');
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      {confirming ? (
        <span className="row" role="group" aria-label="Confirm the rerun">
          <span className="small">Run this change again, as a new job, on the {devices}?</span>
          {prod !== 'unknown' && (
            <label className="small">
              <input
                type="checkbox"
                checked={prod === 'confirmed'}
                onChange={(e) => setProd(e.target.checked ? 'confirmed' : 'asked')}
              />{' '}
              Change the production devices among them
            </label>
          )}
          <button type="button" className="primary" disabled={busy} onClick={() => void rerun()}>
            Yes, rerun
          </button>
          <button type="button" disabled={busy} onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </span>
      ) : (
        <button type="button" onClick={() => setConfirming(true)}>
          Rerun {devices}…
        </button>
      )}
      <ErrorBox error={error} title="The job was not rerun" />
    </>
  );
}
