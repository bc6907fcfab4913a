/** Why a device has no diff, in words, by the reason code its result carries. */
const TEXTS: Readonly<Record<string, string>> = {
  disabled: 'No diff: diffs were turned off for this job.',
  no_verify_commands:
    'No diff: the device had no verify commands, so there was nothing to compare.',
  no_post_check: 'No diff: the device stopped before its post-check.',
  too_many_changes:
    'No diff shown: the outputs differ in too many lines to read as one (compare the pre- and post-check tabs).',
};

/** The sentence shown for a diff that was not computed (an unknown code is shown as it is). */
export function diffNotComputedText(reason: string): string {
  return TEXTS[reason] ?? `Diff not computed: ${reason}`;
}
