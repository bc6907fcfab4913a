/** The `fleetpush` exit codes, stable for scripts. */
export const ExitCode = {
  /** The command succeeded; for a job: it completed. */
  completed: 0,
  /** The job failed, or the command could not do its work (API unreachable, a service died). */
  failed: 1,
  /** Bad input: a usage error, or the API refused the request (4xx). */
  badInput: 2,
  /** The job was cancelled (or terminated). */
  cancelled: 3,
} as const;

/** An exit code. */
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** The exit code a job's status maps to; a job still running counts as success so far. */
export function exitCodeOfStatus(status: string): ExitCode {
  if (status === 'failed') return ExitCode.failed;
  if (status === 'cancelled') return ExitCode.cancelled;
  return ExitCode.completed;
}
