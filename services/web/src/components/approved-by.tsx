import { approvedByText, type ApprovalJob } from '../model/approval';

/** ", approved by NAME" after a job's submitter in its header line, once approved. */
export function ApprovedBy({ job }: { readonly job: ApprovalJob }): React.JSX.Element | null {
  const text = approvedByText(job);
  return text ? (
    <>
      , <span data-testid="approved-by">{text}</span>
    </>
  ) : null;
}
