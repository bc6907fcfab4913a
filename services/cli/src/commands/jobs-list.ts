import { jobStateSchema } from '@fleetpush/contracts';
import { clientFor } from '../cli-context';
import { UsageError } from '../cli-errors';
import type { CliIo } from '../cli-io';
import { ExitCode } from '../exit-codes';
import { renderJobList } from '../job-list-view';
import {
  commandArgs,
  CONNECTION_OPTIONS,
  CONNECTION_USAGE,
  PAGE_OPTIONS,
  pageFlags,
} from '../parse-flags';

const STATES: readonly string[] = jobStateSchema.options;
/** Jobs per page unless `--limit` says otherwise: one screen. */
const DEFAULT_LIMIT = 20;

/** Usage of `fleetpush jobs list`. */
export const JOBS_LIST_USAGE = `usage: fleetpush jobs list [--status S[,S...]] [--owner NAME] [--text S] [--limit N] [--offset N]
  jobs newest first: status, devices, succeeded and failed, how long each ran, approval and change
  window (awaits approval or approved by NAME; a scheduled job's start, when its window closes),
  owner, name
  --status   ${STATES.join('|')} (several: comma-separated)
  --owner    the submitter's token name
  --text     text in the job's name (any case), or the start of its id
  --limit    jobs per page (default 20)
${CONNECTION_USAGE}`;

/** `--status a,b` checked against the job states, or a {@link UsageError} naming the bad one. */
function statusFlag(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  for (const s of raw.split(',')) {
    if (!STATES.includes(s))
      throw new UsageError(
        `--status must be among ${STATES.join('|')}, got "${s}"`,
        JOBS_LIST_USAGE,
      );
  }
  return raw;
}

/** `fleetpush jobs list`: one page of jobs, newest first, as a table (or the API's page as JSON). */
export async function jobsList(args: readonly string[], io: CliIo): Promise<number> {
  const u = JOBS_LIST_USAGE;
  const { values } = commandArgs(
    args,
    {
      ...CONNECTION_OPTIONS,
      status: { type: 'string' },
      owner: { type: 'string' },
      text: { type: 'string' },
      ...PAGE_OPTIONS,
    },
    [],
    u,
  );
  const status = statusFlag(values.status);
  const page = pageFlags(values, u);
  const client = await clientFor(values, io);
  const jobs = await client.jobs.list({
    ...(status !== undefined && { status }),
    ...(values.owner !== undefined && { owner: values.owner }),
    ...(values.text !== undefined && { text: values.text }),
    limit: DEFAULT_LIMIT,
    ...page,
  });
  io.stdout(values.json ? `${JSON.stringify(jobs)}\n` : renderJobList(jobs));
  return ExitCode.completed;
}
