import type { JobView } from '@fleetpush/contracts';
import { awaitsApproval, type ApprovalJob } from '../model/approval';
import { ApprovalBanner, type HeldJob } from './approval-banner';
import { ChangeWindowBanner } from './change-window-banner';

/** Props of {@link JobBanner}. */
export interface JobBannerProps {
  /** The job, its status as the page knows it now (live on the monitor). */
  readonly job: HeldJob & ApprovalJob;
  /** After the job was started early or approved: the page shows it as it is now. */
  readonly onChanged?: (job?: JobView) => void;
}

/**
 * What a job waits for, in one place: the approval it awaits first (no "Start now" then: only an
 * approval starts it), else its change window ("Scheduled …", "Start now", when it closes).
 */
export function JobBanner({ job, onChanged }: JobBannerProps): React.JSX.Element | null {
  if (awaitsApproval(job))
    return <ApprovalBanner job={job} onApproved={(view) => onChanged?.(view)} />;
  return (
    <ChangeWindowBanner
      jobId={job.id}
      status={job.status}
      startAt={job.start_at}
      endAt={job.end_at}
      onStarted={() => onChanged?.()}
    />
  );
}
