import { err, ok, type Result } from './result';

/**
 * A device's identity: `host:port`, with IPv6 literals bracketed (`[2001:db8::1]:22`), so
 * that a key always splits unambiguously at its last colon.
 */
export type DeviceKey = string;

/** Builds the key of a device. Hosts are compared case-insensitively, so they are lower-cased. */
export function deviceKey(host: string, port: number): DeviceKey {
  const h = host.trim().toLowerCase();
  const bare = h.startsWith('[') && h.endsWith(']') ? h.slice(1, -1) : h;
  return bare.includes(':') ? `[${bare}]:${port}` : `${bare}:${port}`;
}

/** A parsed device key. */
export interface DeviceAddress {
  readonly host: string;
  readonly port: number;
}

/** Splits a device key into host and port; IPv6 hosts come back without brackets. */
export function parseDeviceKey(key: string): Result<DeviceAddress, string> {
  const match = /^(?:\[([0-9a-fA-F:.%\w]+)\]|([^:[\]\s]+)):(\d{1,5})$/.exec(key.trim());
  if (!match) return err(`"${key}" is not a device key (host:port, IPv6 as [addr]:port)`);
  const port = Number(match[3]);
  if (port < 1 || port > 65535) return err(`port ${port} in "${key}" is outside 1-65535`);
  const host = (match[1] ?? match[2] ?? '').toLowerCase();
  return ok({ host, port });
}
