import type { JobResult } from '../data/api-types';

/** A CSV cell: quoted when needed, and a leading formula character neutralised. */
function cell(value: unknown): string {
  let text = value === undefined || value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The result as CSV: one row per device (state, failure, diff size), no outputs. */
export function resultToCsv(result: JobResult): string {
  const header = [
    'device',
    'state',
    'attempts',
    'code',
    'message',
    'added',
    'removed',
    'diff_hash',
    'duration_ms',
  ];
  const rows = result.devices.map((d) => {
    const r = d.result;
    const diff = r?.diff?.status === 'changed' ? r.diff : undefined;
    return [
      d.key,
      d.state,
      r?.attempts,
      r?.code,
      r?.message,
      diff?.added ?? 0,
      diff?.removed ?? 0,
      diff?.hash,
      r?.duration_ms,
    ]
      .map(cell)
      .join(',');
  });
  return [header.join(','), ...rows].join('\n') + '\n';
}

/** Offers `text` as a download named `name`. */
export function download(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
