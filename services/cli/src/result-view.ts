import {
  diffReasonText,
  endReasonText,
  skipReasonText,
  type JobDeviceOutcome,
  type JobResultView,
} from '@fleetpush/contracts';
import { approvalAndWindowText, approvalFields } from './job-approval-view';
import { windowFields } from './job-window-view';

/** One device in a `--json` result. */
export interface DeviceSummary {
  readonly key: string;
  readonly state: string;
  readonly code?: string;
  readonly message?: string;
  readonly attempts?: number;
  readonly skip_reason?: string;
  readonly diff?: unknown;
}

/** The one JSON object `jobs run --wait --json` and `jobs result --json` print. */
export interface ResultSummary {
  readonly id: string;
  readonly name: string;
  readonly status: string;
  /** When the job starts by itself, if it was scheduled (`jobs run --start-at`). */
  readonly start_at?: string;
  /** When its change window closes, if it has one (`jobs run --end-at`). */
  readonly end_at?: string;
  /** `pending` while it awaits a second person's approval, then `approved`; absent if none needed. */
  readonly approval?: 'pending' | 'approved';
  /** Who approved it, once approved. */
  readonly approved_by?: string;
  /** Why it stopped starting devices (`canary_failed`, `window_closed`, …), once it ended so. */
  readonly end_reason?: string;
  readonly counts: Record<string, number>;
  readonly devices: DeviceSummary[];
}

function deviceSummary(d: JobDeviceOutcome, diffs: boolean): DeviceSummary {
  const r = d.result;
  return {
    key: d.key,
    state: r?.state ?? d.state,
    ...(r?.code !== undefined && { code: r.code }),
    ...(r?.message !== undefined && { message: r.message }),
    ...(r !== null && { attempts: r.attempts }),
    ...(r?.skipReason !== undefined && { skip_reason: r.skipReason }),
    ...(diffs && r?.diff !== undefined && { diff: r.diff }),
  };
}

/** A job's result as the CLI reports it: final status, counts, and each device's outcome. */
export function summarizeResult(result: JobResultView, diffs = false): ResultSummary {
  const devices = result.devices.map((d) => deviceSummary(d, diffs));
  const counts: Record<string, number> = {};
  for (const d of devices) counts[d.state] = (counts[d.state] ?? 0) + 1;
  const { id, name, status } = result.job;
  return {
    id,
    name,
    status,
    ...windowFields(result.job),
    ...approvalFields(result.job),
    ...(result.job.end_reason ? { end_reason: result.job.end_reason } : {}),
    counts,
    devices,
  };
}

/** Pads cells into aligned columns. */
export function table(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows)
    row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows
    .map((row) =>
      row
        .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function diffText(diff: unknown): string | undefined {
  if (typeof diff !== 'object' || diff === null) return undefined;
  const d = diff as { status?: string; body?: string; reason?: string; truncated?: boolean };
  if (d.status === 'changed') return `${d.body ?? ''}${d.truncated ? '\n(diff truncated)' : ''}`;
  if (d.status === 'empty') return '(no change in the verify output)';
  const reason = d.reason ?? 'unknown';
  return `(no diff: ${diffReasonText(reason) ?? reason})`;
}

/** A table row: a skipped device's reason in CODE, and in words in MESSAGE. */
function deviceRow(d: DeviceSummary): string[] {
  const skip = d.skip_reason;
  return [
    d.key,
    d.state,
    d.code ?? skip ?? '',
    d.message ?? (skip === undefined ? '' : skipReasonText(skip)),
  ];
}

/**
 * The human-readable result: a status line, its approval and change window (if any), a device
 * table and, with `--diffs`, each diff.
 */
export function renderResult(summary: ResultSummary): string {
  const counts = Object.entries(summary.counts)
    .map(([state, n]) => `${n} ${state}`)
    .join(', ');
  const why = summary.end_reason ? ` (${endReasonText(summary.end_reason)})` : '';
  const head = `job ${summary.id} (${summary.name}): ${summary.status}${why} — ${counts || 'no devices'}`;
  const rows = summary.devices.map(deviceRow);
  const gates = approvalAndWindowText(summary);
  const lines = [
    head,
    ...(gates === '' ? [] : [gates]),
    table([['DEVICE', 'STATE', 'CODE', 'MESSAGE'], ...rows]),
  ];
  for (const d of summary.devices) {
    const text = d.diff === undefined ? undefined : diffText(d.diff);
    if (text !== undefined) lines.push(`--- ${d.key}\n${text}`);
  }
  return `${lines.join('\n')}\n`;
}
