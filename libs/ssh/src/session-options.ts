/** Tuning of one session; every field has a default. */
export interface SessionOptions {
  /** TCP connect + SSH handshake + auth + first prompt (+ enable and paging). Default 10 s. */
  readonly connectTimeoutMs?: number;
  /** Deadline of each command's response (each read). Default 20 s. */
  readonly commandTimeoutMs?: number;
  /** Deadline of commit / commit confirmed / save, which devices take longer over. Default 60 s. */
  readonly commitTimeoutMs?: number;
  /** Aborts the whole session: the socket is closed at once and calls reject with `aborted`. */
  readonly signal?: AbortSignal;
  /** Cap of the kept transcript in UTF-8 bytes. Default 256 KiB. */
  readonly transcriptMaxBytes?: number;
  /** SSH keepalive period; 3 unanswered keepalives drop the session. Default 15 s; 0 disables. */
  readonly keepaliveIntervalMs?: number;
  /** More strings to redact (secrets inside config lines, SNMP communities, keys). */
  readonly extraSecrets?: readonly string[];
  /** Live tap: each completed output line, redacted. Must not throw. */
  readonly onLine?: (line: string) => void;
}

/** {@link SessionOptions} with defaults applied. */
export interface ResolvedSessionOptions {
  readonly connectTimeoutMs: number;
  readonly commandTimeoutMs: number;
  readonly commitTimeoutMs: number;
  readonly signal: AbortSignal | undefined;
  readonly transcriptMaxBytes: number;
  readonly keepaliveIntervalMs: number;
  readonly extraSecrets: readonly string[];
  readonly onLine: ((line: string) => void) | undefined;
}

/** The defaults, with their reasons. */
export const SESSION_DEFAULTS = {
  connectTimeoutMs: 10_000,
  commandTimeoutMs: 20_000,
  // Junos commits on a loaded RE and NX-OS `copy r s` regularly take 20-40 s.
  commitTimeoutMs: 60_000,
  // 256 KiB keeps a whole `show running-config` of a large switch; 10,000 devices stay < 3 GB.
  transcriptMaxBytes: 256 * 1024,
  // Well under the idle timeouts of common firewalls (30-60 s) and device `exec-timeout`s.
  keepaliveIntervalMs: 15_000,
} as const;

/** Applies defaults. */
export function resolveSessionOptions(options: SessionOptions = {}): ResolvedSessionOptions {
  return {
    connectTimeoutMs: options.connectTimeoutMs ?? SESSION_DEFAULTS.connectTimeoutMs,
    commandTimeoutMs: options.commandTimeoutMs ?? SESSION_DEFAULTS.commandTimeoutMs,
    commitTimeoutMs: options.commitTimeoutMs ?? SESSION_DEFAULTS.commitTimeoutMs,
    signal: options.signal,
    transcriptMaxBytes: options.transcriptMaxBytes ?? SESSION_DEFAULTS.transcriptMaxBytes,
    keepaliveIntervalMs: options.keepaliveIntervalMs ?? SESSION_DEFAULTS.keepaliveIntervalMs,
    extraSecrets: options.extraSecrets ?? [],
    onLine: options.onLine,
  };
}
