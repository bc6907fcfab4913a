/** The ended job a rerun or an undo was started from, by the label the API gives it. */
export interface FollowedJob {
  readonly kind: 'rerun' | 'undo';
  readonly jobId: string;
}

/** The job this job's submission follows up (`labels.rerun_of` / `undo_of`), if any. */
export function followedJob(spec: unknown): FollowedJob | null {
  const labels = (spec as { labels?: unknown } | null)?.labels;
  if (typeof labels !== 'object' || labels === null) return null;
  const { rerun_of: rerun, undo_of: undo } = labels as Record<string, unknown>;
  if (typeof undo === 'string' && undo !== '') return { kind: 'undo', jobId: undo };
  if (typeof rerun === 'string' && rerun !== '') return { kind: 'rerun', jobId: rerun };
  return null;
}
