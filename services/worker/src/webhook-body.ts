import type {
  AwaitingApproval,
  JobWebhookBody,
  WebhookEvent,
  WebhookPayload,
} from '@fleetpush/contracts';
import type { JobReader, JobRecord } from '@fleetpush/store';

const TERMINAL = ['completed', 'failed', 'cancelled'] as const;
type TerminalStatus = (typeof TERMINAL)[number];

function isTerminal(status: string | undefined): status is TerminalStatus {
  return (TERMINAL as readonly (string | undefined)[]).includes(status);
}

/** A job's webhook: where to send it and what. */
export interface JobWebhook {
  readonly url: string;
  readonly event: WebhookEvent;
  readonly body: JobWebhookBody;
}

/** The `notify_url` of a stored job, if it asked for one. */
export function notifyUrlOf(spec: string | undefined): string | undefined {
  try {
    const parsed = JSON.parse(spec ?? 'null') as { notify_url?: unknown } | null;
    return typeof parsed?.notify_url === 'string' ? parsed.notify_url : undefined;
  } catch {
    // A damaged spec cannot say where to notify; the job itself is unaffected.
    return undefined;
  }
}

async function tallies(
  reader: JobReader,
  jobId: string,
): Promise<{ counts: Record<string, number>; failure_codes: Record<string, number> }> {
  const counts = await reader.stateCounts(jobId);
  const failureCodes: Record<string, number> = {};
  for (const result of (await reader.results(jobId)).values()) {
    const { state, code } = (result ?? {}) as { state?: unknown; code?: unknown };
    if (state === 'failed' && typeof code === 'string') {
      failureCodes[code] = (failureCodes[code] ?? 0) + 1;
    }
  }
  return { counts, failure_codes: failureCodes };
}

/** What a job waits for someone to approve now, if anything (its record and run say). */
export async function awaitingApprovalOf(
  reader: JobReader,
  record: JobRecord,
): Promise<AwaitingApproval | undefined> {
  if (record.status === 'queued' && record.approval === 'pending') return 'start';
  if (record.status !== 'paused' || !record.id) return undefined;
  return (await reader.run(record.id)).awaitingApproval === '1' ? 'after_canary' : undefined;
}

/** The summary's job part: status, times, devices by state, failure codes, reason. */
async function jobSummary(
  reader: JobReader,
  jobId: string,
  record: JobRecord,
  status: JobWebhookBody['job']['status'],
  awaiting: AwaitingApproval | null,
): Promise<JobWebhookBody['job']> {
  return {
    id: jobId,
    name: record.name ?? '',
    status,
    actor: record.actor ?? '',
    targets: Number(record.targets ?? 0),
    created_at: record.created_at ?? '',
    started_at: record.started_at ?? null,
    finished_at: record.finished_at ?? null,
    ...(await tallies(reader, jobId)),
    reason: awaiting ? null : (await reader.run(jobId)).skipReason || null,
    awaiting_approval: awaiting,
  };
}

/**
 * The webhook a delivery sends, built from the job's stored record and results at send time:
 * a finished job's summary, or (`payload.awaiting`) the notice that it waits for an approval;
 * never outputs or credentials. `undefined` when the job is gone, asked for no webhook, is not
 * finished, or (a notice) no longer waits for that approval.
 */
export async function jobWebhook(
  reader: JobReader,
  payload: WebhookPayload,
): Promise<JobWebhook | undefined> {
  const { jobId, awaiting } = payload;
  const record = await reader.record(jobId);
  const url = notifyUrlOf(record?.spec);
  if (!record || url === undefined) return undefined;
  if (awaiting !== undefined) {
    if ((await awaitingApprovalOf(reader, record)) !== awaiting) return undefined;
    const status = awaiting === 'start' ? 'queued' : 'paused';
    const job = await jobSummary(reader, jobId, record, status, awaiting);
    return { url, event: 'job:awaiting_approval', body: { event: 'job:awaiting_approval', job } };
  }
  if (!isTerminal(record.status)) return undefined;
  const event = `job:${record.status}` as const;
  const job = await jobSummary(reader, jobId, record, record.status, null);
  return { url, event, body: { event, job } };
}
