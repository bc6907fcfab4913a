import type { ApprovalPolicy } from '@fleetpush/config';

/** What the approval policy reads of a job. */
export interface ApprovalSubject {
  /** A dry run changes nothing. */
  readonly dryRun: boolean;
  /** Whether any of its devices is a production device. */
  readonly reachesProduction: boolean;
}

/**
 * Whether a job waits for a second person's approval under `policy`: every job under `all`, a
 * job that reaches a production device under `production`; never a dry run (it changes
 * nothing).
 */
export function needsApproval(policy: ApprovalPolicy, job: ApprovalSubject): boolean {
  if (job.dryRun) return false;
  if (policy === 'all') return true;
  return policy === 'production' && job.reachesProduction;
}
