import { TERMINAL_JOB_STATES, type JobState } from '@fleetpush/domain';
import { useNow } from '../data/use-now';
import { useStartRequest } from '../data/use-start-request';
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
  const { api, config } = useSession();
  const windowed = Boolean(startAt || endAt) && !TERMINAL_JOB_STATES.has(status as JobState);
  const now = useNow(windowed);
  // starting a scheduled job before its time (`POST /jobs/{id}/run`)
  const early = useStartRequest(() => api.startJob(jobId), onStarted);
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
              onClick={() => void early.send()}
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
