import { roleAllows, type Role, type UiConfig } from '@fleetpush/contracts';

/** `FLEETPUSH_APPROVAL_POLICY` as the UI config says it (`none` from an API that does not). */
export type ApprovalPolicy = NonNullable<UiConfig['approvalPolicy']>;

/** The policy of a UI config; an API older than the policy holds no job. */
export function approvalPolicyOf(config: UiConfig): ApprovalPolicy {
  return config.approvalPolicy ?? 'none';
}

/** A job as the approval reads it: its job view's status, submitter and approval. */
export interface ApprovalJob {
  readonly status: string;
  /** The submitter's token name. */
  readonly actor: string;
  readonly approval?: 'pending' | 'approved' | null;
  readonly approved_by?: string | null;
}

/** Whether a job is held until someone approves it: pending, and not cancelled meanwhile. */
export function awaitsApproval(job: ApprovalJob): boolean {
  return job.approval === 'pending' && job.status === 'queued';
}

/**
 * Whether the approver of a held job needs the admin role: under `production` only jobs that
 * reach production are held, and the API lets only an admin start those.
 */
export function approvalNeedsAdmin(policy: ApprovalPolicy): boolean {
  return policy === 'production';
}

/** " with the admin role" when only an admin may approve; nothing otherwise. */
function adminClause(needsAdmin: boolean): string {
  return needsAdmin ? ' with the admin role' : '';
}

/** The banner of a held job: who must approve it, and that no device is touched until then. */
export function awaitingApprovalText(actor: string, needsAdmin: boolean): string {
  return `Awaits approval: someone other than ${actor}${adminClause(needsAdmin)} must approve it before any device is touched.`;
}

/** What the review says before a job the policy covers is submitted. */
export function submitForApprovalText(needsAdmin: boolean): string {
  return `Submitting does not start it: someone other than you${adminClause(needsAdmin)} must approve it before any device is touched.`;
}

/** What the submitter reads instead of an Approve button. */
export const OWN_JOB_TEXT = 'You submitted this job, so you cannot approve it yourself.';

/**
 * Who the signed-in principal is to a held job: `approver` may approve it, `submitter` may not
 * (four eyes), `bystander` lacks the role (a viewer; an operator when an admin must approve).
 */
export type ApproverKind = 'approver' | 'submitter' | 'bystander';

/** Whether `principal` may approve a job submitted by `actor` (the API decides in the end). */
export function approverKind(
  principal: { readonly name: string; readonly role: Role },
  actor: string,
  needsAdmin: boolean,
): ApproverKind {
  if (!roleAllows(principal.role, 'operator')) return 'bystander';
  if (principal.name === actor) return 'submitter';
  return needsAdmin && principal.role !== 'admin' ? 'bystander' : 'approver';
}

/** "Approve and start", or "Approve" when the job's change window opens after `nowMs`. */
export function approveLabel(startAt: string | null | undefined, nowMs: number): string {
  return startAt && Date.parse(startAt) > nowMs ? 'Approve' : 'Approve and start';
}

/** "approved by NAME" (the job's header line) once a second person approved it; else null. */
export function approvedByText(job: ApprovalJob): string | null {
  return job.approval === 'approved' && job.approved_by ? `approved by ${job.approved_by}` : null;
}

/**
 * What the canary card says while the job holds after its canary. For a job the approval policy
 * held, the resume is the fan-out's approval, and its submitter may not give it (four eyes).
 */
export function canaryHoldText(job: ApprovalJob | null, principalName: string): string {
  const held = job?.approval === 'pending' || job?.approval === 'approved';
  if (held && principalName === job?.actor)
    return 'The canary passed. The job is paused for approval: someone other than you reads its diff and resumes it to fan out.';
  return 'The canary passed. The job is paused for approval: read its diff, then resume to fan out.';
}

/** The history's note under a held job's status; null for any other job. */
export function approvalNote(job: ApprovalJob): string | null {
  return awaitsApproval(job) ? 'awaits approval' : null;
}

/** A job to be submitted, as the policy reads it. */
export interface SubmittedJob {
  readonly dryRun: boolean;
  /** How many of its devices are production devices (the server's preview). */
  readonly prodDevices: number;
}

/**
 * Whether the policy will hold a job once submitted (as the API decides): every job under
 * `all`, one reaching production under `production`; never a dry run, which changes nothing.
 */
export function policyHolds(policy: ApprovalPolicy, job: SubmittedJob): boolean {
  if (job.dryRun) return false;
  return policy === 'all' || (policy === 'production' && job.prodDevices > 0);
}
