import { FleetpushApiError, FleetpushClientError } from '@fleetpush/client';
import { ConfigError } from '@fleetpush/config';
import { UsageError } from './cli-errors';
import type { CliIo } from './cli-io';
import { devicesImport, devicesList } from './commands/devices-commands';
import {
  isControlAction,
  jobsApprove,
  jobsControl,
  jobsDelete,
  jobsRerun,
  jobsResult,
  jobsRun,
  jobsStart,
  jobsUndo,
  jobsWatch,
} from './commands/jobs-commands';
import {
  credentialsCreate,
  credentialsDelete,
  credentialsList,
} from './commands/credentials-commands';
import { jobsList } from './commands/jobs-list';
import { simCommand } from './commands/sim-command';
import { tokensCreate, tokensList, tokensRevoke } from './commands/tokens-commands';
import { ExitCode } from './exit-codes';
import { startCommand } from './start/start-command';
import { StartError, StartErrorCode } from './start/start-errors';

/** The top-level usage. */
export const USAGE = `usage: fleetpush <command> [options]   (fleetpush <command> --help for its options)
  start [--demo]                          api + worker + gateway on this machine (--demo: with a simulated fleet)
  sim [flags]                             the SSH device simulator
  devices import FILE [--partial] [--validate]
  devices list
  jobs run --commands-file F [options]    submit a change (--preview to see what it would do first, --start-at to schedule it, --wait to follow it)
  jobs start ID [--wait]                  start a scheduled (or held) job now
  jobs approve ID [--comment TEXT]        approve a job that awaits approval (four eyes: not its submitter)
  jobs list [--status S] [--text S]       jobs newest first with their outcome
  jobs rerun ID [--devices failed]        an ended job's change again on its failed devices
  jobs undo ID                            an ended job's rollback commands on the devices it changed
  jobs watch ID                           progress: done, failed, in flight, ETA, canary
  jobs pause|resume|cancel|terminate ID
  jobs result ID [--json] [--diffs]
  jobs delete ID                          delete a finished job and what it keeps (admin)
  tokens create|list|revoke               API tokens for people and programs (admin)
  credentials create|list|delete          credential profiles an inventory row can name (admin)
exit codes: 0 completed, 1 failed, 2 bad input (usage or a 4xx from the API), 3 cancelled`;

type Command = (args: readonly string[], io: CliIo) => Promise<number>;

/** The admin's commands, by `group sub`. */
const ADMIN_COMMANDS: Readonly<Record<string, Command>> = {
  'tokens create': tokensCreate,
  'tokens list': tokensList,
  'tokens revoke': tokensRevoke,
  'credentials create': credentialsCreate,
  'credentials list': credentialsList,
  'credentials delete': credentialsDelete,
};

function route(argv: readonly string[]): { command: Command; args: readonly string[] } {
  const [group, sub, ...rest] = argv;
  if (group === 'start') return { command: startCommand, args: argv.slice(1) };
  if (group === 'sim') return { command: simCommand, args: argv.slice(1) };
  if (group === 'devices' && sub === 'import') return { command: devicesImport, args: rest };
  if (group === 'devices' && sub === 'list') return { command: devicesList, args: rest };
  if (group === 'jobs' && sub === 'run') return { command: jobsRun, args: rest };
  if (group === 'jobs' && sub === 'start') return { command: jobsStart, args: rest };
  if (group === 'jobs' && sub === 'approve') return { command: jobsApprove, args: rest };
  if (group === 'jobs' && sub === 'rerun') return { command: jobsRerun, args: rest };
  if (group === 'jobs' && sub === 'undo') return { command: jobsUndo, args: rest };
  if (group === 'jobs' && sub === 'list') return { command: jobsList, args: rest };
  if (group === 'jobs' && sub === 'watch') return { command: jobsWatch, args: rest };
  if (group === 'jobs' && sub === 'result') return { command: jobsResult, args: rest };
  if (group === 'jobs' && sub === 'delete') return { command: jobsDelete, args: rest };
  const admin = ADMIN_COMMANDS[`${group} ${sub}`];
  if (admin) return { command: admin, args: rest };
  if (group === 'jobs' && sub !== undefined && isControlAction(sub)) {
    return { command: (args, io) => jobsControl(sub, args, io), args: rest };
  }
  if (group === undefined || group === 'help' || group === '--help' || group === '-h') {
    throw new UsageError('', USAGE);
  }
  const words = [group, sub].filter((w) => w !== undefined && !w.startsWith('-')).join(' ');
  throw new UsageError(`unknown command "${words}"`, USAGE);
}

function apiErrorText(error: FleetpushApiError): string {
  const lines = [`error: ${error.message} (${error.status} ${error.code})`];
  for (const d of error.details) {
    lines.push(`  ${d.row !== undefined ? `line ${d.row}: ` : ''}${d.path}: ${d.message}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Maps a failure to its message and exit code: the only place errors become exit codes. */
function report(error: unknown, io: CliIo): number {
  if (error instanceof UsageError) {
    if (error.message === '') {
      io.stdout(`${error.usage ?? USAGE}\n`);
      return ExitCode.completed;
    }
    io.stderr(`error: ${error.message}\n${error.usage ? `\n${error.usage}\n` : ''}`);
    return ExitCode.badInput;
  }
  if (error instanceof ConfigError) {
    io.stderr(`${error.message}\n`);
    return ExitCode.badInput;
  }
  if (error instanceof FleetpushApiError) {
    io.stderr(apiErrorText(error));
    return error.isClientError ? ExitCode.badInput : ExitCode.failed;
  }
  if (error instanceof StartError) {
    io.stderr(`${error.message}\n`);
    const badSetup =
      error.code === StartErrorCode.noRedis || error.code === StartErrorCode.notBuilt;
    return badSetup ? ExitCode.badInput : ExitCode.failed;
  }
  if (error instanceof FleetpushClientError) {
    io.stderr(`error: ${error.message}\n`);
    return ExitCode.failed;
  }
  io.stderr(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  return ExitCode.failed;
}

/** Runs one `fleetpush` command line and resolves with its exit code; never throws. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const { command, args } = route(argv);
    return await command(args, io);
  } catch (error) {
    return report(error, io);
  }
}
