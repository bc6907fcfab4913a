import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { FleetpushClient } from '@fleetpush/client';
import {
  CONTROL_ACTIONS,
  type ControlAction,
  type JobSubmissionInput,
  type JobView,
  type RerunRequest,
} from '@fleetpush/contracts';
import { clientFor, connectedCommand } from '../cli-context';
import { UsageError } from '../cli-errors';
import type { CliIo } from '../cli-io';
import { exitCodeOfStatus, ExitCode } from '../exit-codes';
import { followJob } from '../follow-job';
import {
  choiceFlag,
  commandArgs,
  CONNECTION_OPTIONS,
  CONNECTION_USAGE,
  type ParsedFlags,
} from '../parse-flags';
import { renderPreview } from '../preview-view';
import { renderResult, summarizeResult } from '../result-view';
import { nextSteps, submittedHeadline, submittedJson } from '../submitted-job-view';
import { changeWindowFlags, type ChangeWindowValues } from './change-window-flags';
import { buildSubmission, JOBS_RUN_OPTIONS, JOBS_RUN_USAGE } from './jobs-run-args';

/** Usage of `fleetpush jobs watch`. */
export const JOBS_WATCH_USAGE = `usage: fleetpush jobs watch ID [--json]
  progress until the job ends (done, failed, in flight, ETA, canary); --json prints each event
  as a JSON line. Exit 0 completed, 1 failed, 3 cancelled.
${CONNECTION_USAGE}`;

/** Usage of `fleetpush jobs result`. */
export const JOBS_RESULT_USAGE = `usage: fleetpush jobs result ID [--json] [--diffs]
  every device's state, failure code and message (partial while the job runs), after its approval
  (awaits approval, approved by NAME) and change window if it has them; --diffs adds each
  device's diff of the verify output. Exit 0 completed or running, 1 failed, 3 cancelled.
${CONNECTION_USAGE}`;

/** Usage of `fleetpush jobs delete`. */
export const JOBS_DELETE_USAGE = `usage: fleetpush jobs delete ID
  deletes a finished job with its results, diffs and events (admin; a running job: cancel it first)
${CONNECTION_USAGE}`;

/** Usage of `fleetpush jobs pause|resume|cancel|terminate`. */
export const JOBS_CONTROL_USAGE = `usage: fleetpush jobs pause|resume|cancel|terminate ID [--reason TEXT]
${CONNECTION_USAGE}`;

/** The text of the file a flag names, or a {@link UsageError} naming the flag. */
function readFlagFile(flag: string, file: string, io: CliIo): Promise<string> {
  return readFile(path.resolve(io.cwd, file), 'utf8').catch((error: unknown) => {
    throw new UsageError(
      `cannot read --${flag} ${file}: ${(error as Error).message}`,
      JOBS_RUN_USAGE,
    );
  });
}

/** The parsed flags of `fleetpush jobs run`. */
type JobsRunFlags = ParsedFlags<typeof JOBS_RUN_OPTIONS>['values'];

/** The submission `jobs run`'s flags and files make (each file read, or a {@link UsageError}). */
async function readSubmission(values: JobsRunFlags, io: CliIo): Promise<JobSubmissionInput> {
  const file = values['commands-file'];
  if (file === undefined) throw new UsageError('--commands-file is required', JOBS_RUN_USAGE);
  const text = await readFlagFile('commands-file', file, io);
  const rollbackFile = values['rollback-file'];
  const rollback =
    rollbackFile === undefined ? undefined : await readFlagFile('rollback-file', rollbackFile, io);
  return buildSubmission(values, file, text, rollback);
}

/**
 * `jobs run --preview`: what the submission would do (`POST /jobs/preview`, nothing stored), as
 * {@link renderPreview} words it (`--json`: the API's answer); exit 0 when it would be accepted,
 * else the exit code of a refused request.
 */
async function previewRun(
  client: FleetpushClient,
  submission: JobSubmissionInput,
  flags: { readonly json?: boolean | undefined },
  io: CliIo,
): Promise<number> {
  const preview = await client.jobs.preview(submission);
  io.stdout(flags.json ? `${JSON.stringify(preview)}\n` : renderPreview(preview));
  return preview.ok ? ExitCode.completed : ExitCode.badInput;
}

/**
 * `fleetpush jobs run`: submits; with `--wait`, follows the job and exits by its status; with
 * `--preview`, only shows what it would do.
 */
export async function jobsRun(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = commandArgs(args, JOBS_RUN_OPTIONS, [], JOBS_RUN_USAGE);
  if (values.preview && values.wait) {
    throw new UsageError(
      '--preview submits nothing, so there is no job to --wait for',
      JOBS_RUN_USAGE,
    );
  }
  const submission = await readSubmission(values, io);
  const client = await clientFor(values, io);
  if (values.preview) return previewRun(client, submission, values, io);
  const key = values['idempotency-key'];
  const submitted = await client.jobs.submit(
    submission,
    key === undefined ? {} : { idempotencyKey: key },
  );
  return reportJob(client, submitted.job, values, io);
}

/** What {@link reportJob} reads of a command's flags. */
interface ReportFlags {
  readonly wait?: boolean | undefined;
  readonly json?: boolean | undefined;
}

/**
 * After a submission (or a start, as `verb` says): without `--wait`, the job's id, when it is
 * scheduled to start (or that it awaits approval, and how to give it), and how to follow it (exit
 * 0); with it, the job followed to its end (through a pending approval and a scheduled start too),
 * then its result, and the exit code of its status.
 */
async function reportJob(
  client: FleetpushClient,
  job: JobView,
  flags: ReportFlags,
  io: CliIo,
  verb = 'submitted',
): Promise<number> {
  const what = submittedHeadline(job, verb, new Date());
  if (!flags.wait) {
    io.stdout(
      flags.json ? `${JSON.stringify(submittedJson(job))}\n` : `${what}\n${nextSteps(job)}`,
    );
    return ExitCode.completed;
  }
  if (!flags.json) io.stderr(`${what}\n`);
  const finished = await followJob(client, job.id, io, {
    progress: !flags.json || io.interactive,
  });
  const summary = summarizeResult(finished.result);
  io.stdout(flags.json ? `${JSON.stringify(summary)}\n` : renderResult(summary));
  return exitCodeOfStatus(finished.job.status);
}

/** The flags a follow-up job (rerun, undo) takes. */
const FOLLOW_UP_OPTIONS = {
  ...CONNECTION_OPTIONS,
  name: { type: 'string' },
  'idempotency-key': { type: 'string' },
  'confirm-prod': { type: 'boolean' },
  'start-at': { type: 'string' },
  'end-at': { type: 'string' },
  wait: { type: 'boolean' },
} as const;

/** The usage lines of the follow-ups' window flags. */
const FOLLOW_UP_WINDOW_USAGE = `  --start-at TIME / --end-at TIME: the new job's own change window, as for jobs run (the ended
  job's window is never carried over: without these, it starts now).`;

/** The name, production confirmation and change window of a follow-up request, from its flags. */
function followUpRequest(
  values: ChangeWindowValues & {
    readonly name?: string | undefined;
    readonly 'confirm-prod'?: boolean | undefined;
  },
  usage: string,
): { name?: string; confirm_prod?: boolean; window?: JobSubmissionInput['window'] } {
  const window = changeWindowFlags(values, new Date(), usage);
  return {
    ...(values.name !== undefined && { name: values.name }),
    ...(values['confirm-prod'] && { confirm_prod: true }),
    ...(window !== undefined && { window }),
  };
}

/** A follow-up's `--idempotency-key`, as the client takes it. */
function followUpOptions(values: { readonly 'idempotency-key'?: string | undefined }): {
  idempotencyKey?: string;
} {
  const key = values['idempotency-key'];
  return key === undefined ? {} : { idempotencyKey: key };
}

/** Usage of `fleetpush jobs undo`. */
export const JOBS_UNDO_USAGE = `usage: fleetpush jobs undo ID [--name NAME] [--confirm-prod] [--idempotency-key KEY]
                        [--start-at TIME] [--end-at TIME] [--wait] [--json]
  undoes an ended job, as a new job: its rollback_commands on the devices it left changed (not
  those its own rollback already restored), with its verify commands, canary and waves.
  Production needs --confirm-prod again. Then as jobs run (--wait follows it).
${FOLLOW_UP_WINDOW_USAGE}
${CONNECTION_USAGE}`;

/** `fleetpush jobs undo ID`: an ended job's rollback commands on the devices it changed. */
export async function jobsUndo(args: readonly string[], io: CliIo): Promise<number> {
  const u = JOBS_UNDO_USAGE;
  const {
    values,
    args: [id = ''],
  } = commandArgs(args, FOLLOW_UP_OPTIONS, ['ID'], u);
  const request = followUpRequest(values, u);
  const client = await clientFor(values, io);
  const { job, undo_of } = await client.jobs.undo(id, request, followUpOptions(values));
  if (!values.json) io.stderr(`undo of job ${undo_of}: ${job.name}\n`);
  return reportJob(client, job, values, io);
}

/** Usage of `fleetpush jobs rerun`. */
export const JOBS_RERUN_USAGE = `usage: fleetpush jobs rerun ID [--devices failed|not-succeeded] [--name NAME] [--confirm-prod]
                          [--idempotency-key KEY] [--start-at TIME] [--end-at TIME] [--wait] [--json]
  the ended job's change again, as a new job on its devices that failed (failed or aborted), or
  with --devices not-succeeded also those it skipped; its canary stays the canary when it is one
  of them. Production needs --confirm-prod again. Then as jobs run (--wait follows it).
${FOLLOW_UP_WINDOW_USAGE}
${CONNECTION_USAGE}`;

/** `fleetpush jobs rerun ID`: an ended job's change again on its devices that failed. */
export async function jobsRerun(args: readonly string[], io: CliIo): Promise<number> {
  const u = JOBS_RERUN_USAGE;
  const {
    values,
    args: [id = ''],
  } = commandArgs(args, { ...FOLLOW_UP_OPTIONS, devices: { type: 'string' } }, ['ID'], u);
  const devices = choiceFlag('devices', values.devices, ['failed', 'not-succeeded'], u);
  const request: RerunRequest = {
    ...(devices !== undefined && { devices: devices === 'failed' ? 'failed' : 'not_succeeded' }),
    ...followUpRequest(values, u),
  };
  const client = await clientFor(values, io);
  const { job, rerun_of } = await client.jobs.rerun(id, request, followUpOptions(values));
  if (!values.json) io.stderr(`rerun of job ${rerun_of}: ${job.name}\n`);
  return reportJob(client, job, values, io);
}

/** `fleetpush jobs watch ID`. */
export async function jobsWatch(args: readonly string[], io: CliIo): Promise<number> {
  const { client, json, args: given } = await connectedCommand(args, ['ID'], JOBS_WATCH_USAGE, io);
  const [id = ''] = given;
  const finished = await followJob(client, id, io, {
    eventsAsJson: json,
    progress: !json || io.interactive,
  });
  if (!json) io.stdout(renderResult(summarizeResult(finished.result)));
  return exitCodeOfStatus(finished.job.status);
}

/** `fleetpush jobs result ID [--json] [--diffs]`. */
export async function jobsResult(args: readonly string[], io: CliIo): Promise<number> {
  const {
    client,
    values,
    json,
    args: given,
  } = await connectedCommand(args, ['ID'], JOBS_RESULT_USAGE, io, { diffs: { type: 'boolean' } });
  const summary = summarizeResult(await client.jobs.result(given[0] ?? ''), values.diffs ?? false);
  io.stdout(json ? `${JSON.stringify(summary)}\n` : renderResult(summary));
  return exitCodeOfStatus(summary.status);
}

/** Whether a word is a control action. */
export function isControlAction(word: string): word is ControlAction {
  return (CONTROL_ACTIONS as readonly string[]).includes(word);
}

/** `fleetpush jobs pause|resume|cancel|terminate ID`: 2 when the job's state forbids it (409). */
export async function jobsControl(
  action: ControlAction,
  args: readonly string[],
  io: CliIo,
): Promise<number> {
  const {
    client,
    values,
    json,
    args: given,
  } = await connectedCommand(args, ['ID'], JOBS_CONTROL_USAGE, io, { reason: { type: 'string' } });
  const [id = ''] = given;
  const reply = await client.jobs.control(id, action, values.reason);
  if (json) io.stdout(`${JSON.stringify(reply)}\n`);
  else
    io.stdout(
      `job ${id}: ${action} ${reply.changed ? 'applied' : 'already in effect'}; status ${reply.status}\n`,
    );
  return ExitCode.completed;
}

/** Usage of `fleetpush jobs start`. */
export const JOBS_START_USAGE = `usage: fleetpush jobs start ID [--wait] [--json]
  starts now a job that waits to start: one scheduled by jobs run --start-at (before its time)
  or one held (submitted with start=false). A job started or ended already, or one that awaits
  approval (jobs approve starts it): the API's 409 (exit 2). --wait follows it to its end; exit 0
  completed, 1 failed, 3 cancelled.
${CONNECTION_USAGE}`;

/** `fleetpush jobs start ID [--wait]`: a scheduled or held job started now (`POST /jobs/{id}/run`). */
export async function jobsStart(args: readonly string[], io: CliIo): Promise<number> {
  const {
    client,
    values,
    args: given,
  } = await connectedCommand(args, ['ID'], JOBS_START_USAGE, io, { wait: { type: 'boolean' } });
  const { job } = await client.jobs.run(given[0] ?? '');
  return reportJob(client, job, values, io, 'started');
}

/** Usage of `fleetpush jobs approve`. */
export const JOBS_APPROVE_USAGE = `usage: fleetpush jobs approve ID [--comment TEXT] [--wait] [--json]
  approves a job the approval policy (FLEETPUSH_APPROVAL_POLICY) holds: someone other than its
  submitter must (four eyes), an admin when it reaches production. It starts at once, or at its
  change window's start when that is still ahead. --comment (up to 500 characters) goes to the
  audit log. Refused (exit 2): by its submitter or an operator for production (403), a job that
  does not await approval (409). --wait follows it to its end; exit 0 completed, 1 failed,
  3 cancelled.
${CONNECTION_USAGE}`;

/** `fleetpush jobs approve ID [--comment TEXT] [--wait]`: a second person's approval, then as jobs start. */
export async function jobsApprove(args: readonly string[], io: CliIo): Promise<number> {
  const {
    client,
    values,
    args: [id = ''],
  } = await connectedCommand(args, ['ID'], JOBS_APPROVE_USAGE, io, {
    comment: { type: 'string' },
    wait: { type: 'boolean' },
  });
  const { job } = await client.jobs.approve(id, values.comment);
  if (!values.json) io.stderr(`job ${id} approved\n`);
  return reportJob(client, job, values, io, 'started');
}

/** `fleetpush jobs delete ID`: 2 when the job has not finished (409) or does not exist (404). */
export async function jobsDelete(args: readonly string[], io: CliIo): Promise<number> {
  const { client, json, args: given } = await connectedCommand(args, ['ID'], JOBS_DELETE_USAGE, io);
  const [id = ''] = given;
  await client.jobs.delete(id);
  io.stdout(json ? `${JSON.stringify({ id, deleted: true })}\n` : `job ${id}: deleted\n`);
  return ExitCode.completed;
}
