/** One line of the import's NDJSON progress stream (`Accept: application/x-ndjson`). */
export type ImportStreamLine =
  | { readonly type: 'start' }
  | { readonly type: 'progress'; readonly phase: 'parse'; readonly rows: number }
  | {
      readonly type: 'progress';
      readonly phase: 'connect';
      readonly checked: number;
      readonly total: number;
    }
  | ({ readonly type: 'complete' } & Record<string, unknown>)
  | {
      readonly type: 'error';
      readonly status: number;
      readonly error: { code?: string; message?: string; details?: [] };
    };

/**
 * Reads the complete lines of an NDJSON text received so far (an XHR's `responseText` grows);
 * call it with the whole text each time: it returns only the lines after `consumed` and where
 * the next call starts. A partial last line waits for the next call; a line that is not JSON is
 * skipped.
 */
export function readNewLines(
  text: string,
  consumed: number,
): { lines: ImportStreamLine[]; consumed: number } {
  const lines: ImportStreamLine[] = [];
  let at = consumed;
  for (let end = text.indexOf('\n', at); end >= 0; end = text.indexOf('\n', at)) {
    const raw = text.slice(at, end).trim();
    at = end + 1;
    if (raw === '') continue;
    try {
      lines.push(JSON.parse(raw) as ImportStreamLine);
    } catch {
      /* not a line of the stream: ignored */
    }
  }
  return { lines, consumed: at };
}

/** What the import panel shows while the API validates and stores the rows. */
export function progressText(line: ImportStreamLine): string | undefined {
  if (line.type !== 'progress') return undefined;
  if (line.phase === 'parse') return `${line.rows.toLocaleString('en-US')} rows validated`;
  return `connection check: ${line.checked} of ${line.total} devices`;
}
