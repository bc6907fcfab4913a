/** What {@link deviceLeftChanged} reads of a device's stored result. */
interface ChangeFacts {
  readonly config_lines_sent?: number;
  readonly code?: string;
  readonly rollback?: unknown;
}

/**
 * Whether a job changed the device and left the change in place: the device accepted config
 * lines (or a worker crashed mid-apply, so it may have), and the job's own rollback did not
 * already run on it (a failed post-check assertion runs it). The devices an undo targets.
 */
export function deviceLeftChanged(result: unknown): boolean {
  if (typeof result !== 'object' || result === null) return false;
  const r = result as ChangeFacts;
  if (r.rollback !== undefined) return false;
  return (r.config_lines_sent ?? 0) > 0 || r.code === 'uncertain_after_crash';
}
