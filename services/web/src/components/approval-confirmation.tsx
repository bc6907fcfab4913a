import { useState } from 'react';

/** The API's limit on an approval's comment (it goes to the audit log). */
const COMMENT_MAX = 500;

/** Props of {@link ApprovalConfirmation}. */
export interface ApprovalConfirmationProps {
  /** "Approve and start", or "Approve" when the job's change window opens later. */
  readonly label: string;
  readonly busy: boolean;
  /** Approves, with the comment when one was written. */
  readonly onApprove: (comment: string | undefined) => void;
  /** Closes the question; the job keeps waiting. */
  readonly onCancel: () => void;
}

/** The question before an approval: an optional comment for the audit log, then approve. */
export function ApprovalConfirmation({
  label,
  busy,
  onApprove,
  onCancel,
}: ApprovalConfirmationProps): React.JSX.Element {
  const [comment, setComment] = useState('');
  return (
    <div
      className="row"
      style={{ alignItems: 'flex-end' }}
      role="group"
      aria-label="Confirm the approval"
    >
      <label className="field" style={{ flex: 1 }}>
        <span>
          Comment <span className="hint">(optional, kept in the audit log)</span>
        </span>
        <input
          type="text"
          value={comment}
          maxLength={COMMENT_MAX}
          disabled={busy}
          onChange={(e) => setComment(e.target.value)}
        />
      </label>
      <button
        type="button"
        className="primary"
        disabled={busy}
        onClick={() => onApprove(comment.trim() || undefined)}
      >
        {busy ? 'Approving…' : label}
      </button>
      {/* not "Cancel": next to the job's own Cancel, that would read as cancelling the job */}
      <button type="button" disabled={busy} onClick={onCancel}>
        Not now
      </button>
    </div>
  );
}
