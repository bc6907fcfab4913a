/** What an operator reads about why a job stopped starting devices, keyed by its end reason. */
const END_REASON_TEXT: Readonly<Record<string, string>> = {
  canary_failed: 'the canary failed, so no other device was started',
  budget_exceeded: 'a wave spent its failure budget; the devices not yet started were skipped',
  cancelled: 'the devices not yet started were skipped',
  window_closed: 'its change window closed; the devices not yet started were skipped',
};

/**
 * A job's end reason (`job:finished`'s `reason`, a job view's `end_reason`) in words, as the CLI
 * and the web UI say it; a reason this version does not know, as it is.
 */
export function endReasonText(reason: string): string {
  return END_REASON_TEXT[reason] ?? reason;
}
