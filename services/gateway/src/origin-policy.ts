/**
 * Whether a connection's `Origin` may use the gateway. Programs (CLI, SDK in Node) send no
 * Origin and are judged by their token alone. A browser page is let in when it comes from a
 * configured origin, or from the gateway's own host (the web UI served by the API under
 * `fleetpush start`): same-origin is always allowed, so it needs no configuration.
 *
 * @param origin the `Origin` header, if any
 * @param host the `Host` header the request was sent to
 * @param allowed configured origins (`scheme://host[:port]`, as config normalises them)
 */
export function originAllowed(
  origin: string | undefined,
  host: string | undefined,
  allowed: readonly string[],
): boolean {
  if (origin === undefined) return true;
  if (allowed.includes(origin)) return true;
  if (!URL.canParse(origin) || host === undefined) return false;
  const url = new URL(origin);
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.host === host.toLowerCase();
}
