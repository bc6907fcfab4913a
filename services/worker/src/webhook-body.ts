import type { JobWebhookBody, WebhookEvent } from '@fleetpush/contracts';
import type { JobReader } from '@fleetpush/store';

const TERMINAL = ['completed', 'failed', 'cancelled'] as const;
type TerminalStatus = (typeof TERMINAL)[number];

function isTerminal(status: string | undefined): status is TerminalStatus {
  return (TERMINAL as readonly (string | undefined)[]).includes(status);
}

/** A finished job's webhook: where to send it and what. */
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

/**
 * The webhook of a finished job that asked for one (`notify_url`), built from its stored
 * record and results: status, devices by state, failure codes, why it stopped starting devices;
 * never outputs or credentials.
 * `undefined` when the job is gone, not finished, or asked for no webhook.
 */
export async function jobWebhook(
  reader: JobReader,
  jobId: string,
): Promise<JobWebhook | undefined> {
  const record = await reader.record(jobId);
  const url = notifyUrlOf(record?.spec);
  if (!record || url === undefined || !isTerminal(record.status)) return undefined;
  const status = record.status;
  return {
    url,
    event: `job:${status}`,
    body: {
      event: `job:${status}`,
      job: {
        id: jobId,
        name: record.name ?? '',
        status,
        actor: record.actor ?? '',
        targets: Number(record.targets ?? 0),
        created_at: record.created_at ?? '',
        started_at: record.started_at ?? null,
        finished_at: record.finished_at ?? null,
        ...(await tallies(reader, jobId)),
        reason: (await reader.run(jobId)).skipReason || null,
      },
    },
  };
}
