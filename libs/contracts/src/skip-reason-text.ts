import type { SkipReason } from '@fleetpush/domain';

/** Why a device was never started, as the CLI and the web UI say it. */
const SKIP_REASON_TEXT: Readonly<Record<SkipReason, string>> = {
  canary_failed: 'not started: the canary failed',
  budget_exceeded: "not started: a wave spent the job's failure budget",
  cancelled: 'not started: the job was cancelled',
  not_in_scope: 'not changed: the job applied its commands to the canary only',
  window_closed: "not started: the job's change window closed first",
};

/** A skip reason (`canary_failed`, …) in words; a reason this version does not know, as it is. */
export function skipReasonText(reason: string): string {
  return (SKIP_REASON_TEXT as Record<string, string>)[reason] ?? `skipped: ${reason}`;
}
