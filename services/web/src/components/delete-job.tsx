import { TERMINAL_JOB_STATES, type JobState } from '@fleetpush/domain';
import { useState } from 'react';
import { navigate } from '../route';
import { useSession } from '../session';
import { ErrorBox } from './error-box';

/**
 * Deletes a finished job with its results, diffs and events, after a confirmation; admins only
 * (the API refuses everyone else). Then shows the history. A job whose end the workers are still
 * recording is refused by the API (409): the refusal says to retry.
 */
export function DeleteJob({
  jobId,
  status,
}: {
  readonly jobId: string;
  readonly status: string;
}): React.JSX.Element | null {
  const { api, config } = useSession();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (config.principal.role !== 'admin' || !TERMINAL_JOB_STATES.has(status as JobState))
    return null;
  const remove = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await api.deleteJob(jobId);
      navigate({ page: 'history' });
    } catch (e) {
      setError(e);
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      {confirming ? (
        <span className="row" role="group" aria-label="Confirm job deletion">
          <span className="small">Delete this job, its results and diffs for good?</span>
          <button type="button" className="danger" disabled={busy} onClick={() => void remove()}>
            Yes, delete the job
          </button>
          <button type="button" disabled={busy} onClick={() => setConfirming(false)}>
            Keep it
          </button>
        </span>
      ) : (
        <button type="button" className="danger" onClick={() => setConfirming(true)}>
          Delete job…
        </button>
      )}
      <ErrorBox error={error} title="The job was not deleted" />
    </>
  );
}
