/** The ISO 8601 instant `ms` from now (negative: in the past), as a change window takes it. */
export function isoInMs(ms: number): string {
  return new Date(Date.now() + ms).toISOString();
}
