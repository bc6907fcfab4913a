import type { DiffNotComputedReason } from '@fleetpush/domain';

/** Why a device has no diff, as the CLI and the web UI say it. */
const DIFF_REASON_TEXT: Readonly<Record<DiffNotComputedReason, string>> = {
  disabled: 'diffs were turned off for this job',
  no_verify_commands: 'the device had no verify commands, so there was nothing to compare',
  no_post_check: 'the device stopped before its post-check',
  too_many_changes: 'the outputs differ in too many lines to read as one diff',
};

/**
 * A diff's not-computed reason (`no_verify_commands`, …) in words; `undefined` for a reason this
 * version does not know (the caller shows it as it is).
 */
export function diffReasonText(reason: string): string | undefined {
  return (DIFF_REASON_TEXT as Record<string, string>)[reason];
}
