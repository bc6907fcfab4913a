import { TERMINAL_JOB_STATES, type JobState } from '@fleetpush/domain';
import { useState } from 'react';
import { useNow } from '../data/use-now';
import { windowBanner } from '../model/window-text';
import { useSession } from '../session';
import { ErrorBox } from './error-box';

/** Props of {@link ChangeWindowBanner}. */
export interface ChangeWindowBannerProps {
  readonly jobId: string;
  /** The job's status as the page knows it now (live on the monitor). */
  readonly status: string;
  /** When a scheduled job starts by itself; null when it was not scheduled ahead. */
  readonly startAt?: string | null;
  /** When its change window closes; null without one. */
  readonly endAt?: string | null;
  /** After the job was started early: the page shows it running (a live page needs nothing). */
  readonly onStarted?: () => void;
}

/**
 * A job's change window, counting down in the reader's time zone: "Scheduled: starts at … (in
 * …)" with "Start now" for an operator, then "Change window closes at … (in …)" while it runs,
 * and that it closed while the devices in flight finish. Nothing for a job without a window.
 */
export function ChangeWindowBanner({
  jobId,
  status,
  startAt,
  endAt,
  onStarted,
}: ChangeWindowBannerProps): React.JSX.Element | null {
  const { config } = useSession();
  const windowed = Boolean(startAt || endAt) && !TERMINAL_JOB_STATES.has(status as JobState);
  const now = useNow(windowed);
  const early = useStartEarly(jobId, onStarted);
  const banner = windowBanner({ status, start_at: startAt, end_at: endAt }, now);
  if (!banner) return null;
  const mayStart = banner.kind === 'scheduled' && config.principal.role !== 'viewer';
  return (
    <>
      <div
        className={`alert ${banner.kind === 'closed' ? 'warn' : 'info'} row`}
        role="status"
        data-testid="window-banner"
      >
        <span>{banner.text}</span>
        {mayStart && (
          <>
            <span className="spacer" />
            <button
              type="button"
              className="primary"
              disabled={early.busy}
              onClick={() => void early.start()}
            >
              {early.busy ? 'Starting…' : 'Start now'}
            </button>
          </>
        )}
      </div>
      <ErrorBox error={early.error} title="The job was not started" />
    </>
  );
}

/** Starting a scheduled job before its time (`POST /jobs/{id}/run`), and how that went. */
function useStartEarly(
  jobId: string,
  onStarted: (() => void) | undefined,
): { readonly start: () => Promise<void>; readonly busy: boolean; readonly error: unknown } {
  const { api } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const start = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await api.startJob(jobId);
      onStarted?.();
      // stays busy ("Starting…") until the page sees the job run and drops the banner
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  return { start, busy, error };
}
