/**
 * @packageDocumentation
 * The `fleetpush` command: `runCli(argv, io)` for tests and embedding, and the pieces of
 * `fleetpush start` (child services, private Redis, local secrets).
 */
export { runCli, USAGE } from './run-cli';
export type { CliIo } from './cli-io';
export { ExitCode, exitCodeOfStatus } from './exit-codes';
export { UsageError } from './cli-errors';
export { ProgressTracker, renderProgress, formatDuration, type ProgressSnapshot } from './progress';
export {
  buildSubmission,
  commandLines,
  parseWaves,
  parseVars,
  parseTargets,
} from './commands/jobs-run-args';
export { summarizeResult, renderResult, type ResultSummary } from './result-view';
export { ensureLocalSecret, readLocalSecret, LocalSecretFile } from './local-secrets';
export { StartError, StartErrorCode } from './start/start-errors';
export { REDIS_HELP } from './start/private-redis';
