import type { JobView } from '@fleetpush/contracts';
import { useState } from 'react';
import { useNow } from '../data/use-now';
import { useStartRequest } from '../data/use-start-request';
import {
  approvalNeedsAdmin,
  approvalPolicyOf,
  approveLabel,
  approverKind,
  awaitingApprovalText,
  OWN_JOB_TEXT,
} from '../model/approval';
import { windowBanner } from '../model/window-text';
import { useSession } from '../session';
import { ApprovalConfirmation } from './approval-confirmation';
import { ErrorBox } from './error-box';

/** A held job as the banner reads it. */
export interface HeldJob {
  readonly id: string;
  /** Its live status (`queued` while it is held). */
  readonly status: string;
  /** The submitter, who may not approve it. */
  readonly actor: string;
  readonly start_at?: string | null;
  readonly end_at?: string | null;
}

/** Props of {@link ApprovalBanner}. */
export interface ApprovalBannerProps {
  readonly job: HeldJob;
  /** The job as the API answered the approval: running, or queued for its change window. */
  readonly onApproved: (job: JobView) => void;
}

/**
 * A job held for a second person's approval (four eyes): who must approve it before any device
 * is touched, when it is scheduled, and "Approve…" (with an optional comment) for an operator
 * or admin other than its submitter; its submitter reads that they cannot approve it.
 */
export function ApprovalBanner({ job, onApproved }: ApprovalBannerProps): React.JSX.Element {
  const { api, config } = useSession();
  const needsAdmin = approvalNeedsAdmin(approvalPolicyOf(config));
  const kind = approverKind(config.principal, job.actor, needsAdmin);
  const now = useNow(Boolean(job.start_at));
  const [confirming, setConfirming] = useState(false);
  const approval = useStartRequest(
    (comment: string | undefined) => api.approveJob(job.id, comment),
    onApproved,
  );
  const scheduled = windowBanner(job, now);
  return (
    <>
      <div
        className="alert warn stack"
        style={{ gap: 8 }}
        role="status"
        data-testid="approval-banner"
      >
        <div className="row">
          <strong>{awaitingApprovalText(job.actor, needsAdmin)}</strong>
          {kind === 'approver' && !confirming && (
            <>
              <span className="spacer" />
              <button type="button" className="primary" onClick={() => setConfirming(true)}>
                Approve…
              </button>
            </>
          )}
        </div>
        {scheduled && <span>{scheduled.text}</span>}
        {kind === 'submitter' && <span className="small">{OWN_JOB_TEXT}</span>}
        {kind === 'approver' && confirming && (
          <ApprovalConfirmation
            label={approveLabel(job.start_at, now)}
            busy={approval.busy}
            onApprove={(comment) => void approval.send(comment)}
            onCancel={() => setConfirming(false)}
          />
        )}
      </div>
      <ErrorBox error={approval.error} title="The job was not approved" />
    </>
  );
}
