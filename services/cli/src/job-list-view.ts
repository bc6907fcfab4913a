import type { JobListItem, JobPage } from '@fleetpush/contracts';
import { approvalAndWindowText } from './job-approval-view';
import { formatDuration } from './progress';
import { table } from './result-view';

/** How long a job ran: `-` before it started, `running` until it ends, else m:ss or h:mm:ss. */
export function ranFor(job: JobListItem): string {
  if (!job.started_at) return '-';
  if (!job.finished_at) return 'running';
  return formatDuration(Date.parse(job.finished_at) - Date.parse(job.started_at));
}

/** An ISO time as `YYYY-MM-DD HH:MM` (UTC, as the API gives it). */
function minuteOf(iso: string): string {
  return iso.slice(0, 16).replace('T', ' ');
}

/** Succeeded and failed (aborted ones count as failed) of a listed job; `?` from an older API. */
function outcomeCells(job: JobListItem): [string, string] {
  const c = job.counts;
  if (c === undefined) return ['?', '?'];
  return [String(c.succeeded ?? 0), String((c.failed ?? 0) + (c.aborted ?? 0))];
}

/**
 * `fleetpush jobs list`: one page of jobs as a table (with each job's approval, if one was needed,
 * and change window: when a scheduled one starts, when its window closes), then which of how many
 * matches it shows.
 */
export function renderJobList(page: JobPage): string {
  const rows = page.items.map((j) => [
    j.id,
    j.status,
    String(j.targets),
    ...outcomeCells(j),
    ranFor(j),
    minuteOf(j.created_at),
    approvalAndWindowText(j, minuteOf) || '-',
    j.actor,
    j.name,
  ]);
  const head = [
    'ID',
    'STATUS',
    'DEVICES',
    'OK',
    'FAILED',
    'RAN',
    'CREATED (UTC)',
    'WINDOW (UTC)',
    'OWNER',
    'NAME',
  ];
  const first = page.offset + (page.items.length > 0 ? 1 : 0);
  const last = page.offset + page.items.length;
  const more = last < page.total ? ` (next page: --offset ${last})` : '';
  const body = page.items.length > 0 ? `${table([head, ...rows])}\n` : 'no job matches\n';
  const jobs = page.total === 1 ? 'job' : 'jobs';
  return `${body}${first}-${last} of ${page.total} ${jobs}${more}\n`;
}
