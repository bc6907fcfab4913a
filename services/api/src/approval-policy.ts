import type { ApprovalPolicy } from '@fleetpush/config';
import type { PlannedJob } from '@fleetpush/store';

/**
 * Whether a planned job waits for a second person's approval under `policy`: every job under
 * `all`, a job that reaches a production device under `production`; never a dry run (it changes
 * nothing).
 */
export function needsApproval(policy: ApprovalPolicy, planned: PlannedJob): boolean {
  const spec = planned.job.spec as { dry_run?: boolean };
  if (spec.dry_run === true) return false;
  if (policy === 'all') return true;
  return policy === 'production' && planned.prodDevices.length > 0;
}
