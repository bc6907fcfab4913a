import { DiffNotComputedReason } from '@fleetpush/domain';
import { diffReasonText } from '@fleetpush/contracts';

/** The sentence shown for a diff that was not computed (an unknown code is shown as it is). */
export function diffNotComputedText(reason: string): string {
  const text = diffReasonText(reason);
  if (text === undefined) return `Diff not computed: ${reason}`;
  // the page has the outputs themselves in its tabs
  const hint =
    reason === DiffNotComputedReason.too_many_changes
      ? ' Compare the pre- and post-check tabs.'
      : '';
  return `No diff: ${text}.${hint}`;
}
