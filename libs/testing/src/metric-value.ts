/** Parses the labels of one exposition line (`{a="x",b="y"}`). */
function labelsOf(text: string): Map<string, string> {
  return new Map(
    [...text.matchAll(/([a-zA-Z_]\w*)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1]!, m[2]!]),
  );
}

/**
 * The sum of the values of every series of `name` in a Prometheus text exposition whose labels
 * include `labels` (label order does not matter), or `undefined` when no series matches.
 */
export function metricValue(
  body: string,
  name: string,
  labels: Readonly<Record<string, string>> = {},
): number | undefined {
  let total: number | undefined;
  for (const line of body.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(\{.*\})?\s+(\S+)/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = labelsOf(match[2] ?? '');
    if (!Object.entries(labels).every(([k, v]) => have.get(k) === v)) continue;
    total = (total ?? 0) + Number(match[3]);
  }
  return total;
}
