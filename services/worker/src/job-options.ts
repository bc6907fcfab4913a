import { jobSubmissionSchema, type JobSubmission } from '@fleetpush/contracts';

/** The execution settings a worker needs from a job's stored submission. */
export type JobOptions = Pick<
  JobSubmission,
  | 'dry_run'
  | 'save_config'
  | 'skip_diff'
  | 'assertions'
  | 'rollback_commands'
  | 'reapply_on_recovery'
  | 'retry'
  | 'timeouts'
  | 'diff_max_bytes'
>;

/** Reads the options out of a stored job spec (validated: it crossed a process through Redis). */
export function jobOptionsOf(spec: string): JobOptions {
  return jobSubmissionSchema.parse(JSON.parse(spec));
}
