import { type Platform } from '@fleetpush/domain';
import { type TranscriptSnapshot } from './transcript';

/** One command's framed output. */
export interface CommandOutput {
  readonly command: string;
  /** What the device printed between the echo and the next prompt (redacted). */
  readonly output: string;
  /** The response line matching the platform's error patterns, when the device rejected it. */
  readonly rejected?: string;
  readonly durationMs: number;
}

/** What `configure()` did. */
export interface ConfigureResult {
  /** Lines sent (all accepted) by this call. */
  readonly linesSent: number;
  /** Each line's response. */
  readonly outputs: readonly CommandOutput[];
  /** Candidate platforms: the lines wait in the candidate until `commit()` or `discard()`. */
  readonly candidatePending: boolean;
}

/** What a platform can do, so callers need not try and catch. */
export interface SessionCapabilities {
  /** Has a candidate configuration: `commit()`, `commitConfirmed()`, `confirm()`, `discard()`. */
  readonly candidate: boolean;
  /** Has a separate startup configuration: `save()`. */
  readonly save: boolean;
  /** Has a config mode (otherwise config lines run as commands). */
  readonly configMode: boolean;
}

/** Per-call options. */
export interface CallOptions {
  /** Overrides the session's per-command (or commit) timeout for this call. */
  readonly timeoutMs?: number;
}

/**
 * A logged-in CLI session with a device. Calls are serialised; each has a deadline. A
 * transport failure (timeout, drop, abort) ends the session: later calls reject with the
 * same error. A device rejection (`command_error`) leaves it usable, back in exec mode.
 */
export interface DeviceSession {
  readonly platform: Platform;
  /** The prompt learned at login (`R1#`). */
  readonly prompt: string;
  /** `SHA256:…` of the device's host key. */
  readonly hostKeyFingerprint: string;
  readonly capabilities: SessionCapabilities;
  /** Runs commands in exec mode, one at a time, each framed (echo and prompt removed). */
  exec(commands: readonly string[], opts?: CallOptions): Promise<CommandOutput[]>;
  /**
   * Enters config mode and sends one line at a time, waiting for the prompt and checking the
   * response; stops at the first rejection with a `ConfigLineError`, after leaving config mode
   * (and discarding the candidate on candidate platforms).
   */
  configure(lines: readonly string[], opts?: CallOptions): Promise<ConfigureResult>;
  /** Commits the candidate (IOS-XR, Junos) and leaves config mode. */
  commit(opts?: CallOptions): Promise<string>;
  /** Commits with automatic rollback unless confirmed within `seconds` (rounded up to the platform's unit). */
  commitConfirmed(seconds: number, opts?: CallOptions): Promise<string>;
  /** Confirms a pending confirmed commit. */
  confirm(opts?: CallOptions): Promise<string>;
  /** Throws the candidate away and leaves config mode. */
  discard(opts?: CallOptions): Promise<void>;
  /** Copies the running configuration to startup (`write memory`, `copy run start`, …). */
  save(opts?: CallOptions): Promise<string>;
  /** Config lines sent in this session so far; > 0 means config may have changed. */
  readonly configLinesSent: number;
  /** The redacted, capped transcript so far. */
  transcript(): TranscriptSnapshot;
  /** Ends the session (discarding a pending candidate first); idempotent. */
  close(): Promise<void>;
}
