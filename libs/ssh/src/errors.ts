import { FailureCode, isTransientFailure } from '@fleetpush/domain';

/** What an {@link SshError} knows about where it happened. */
export interface SshErrorDetails {
  /** The device (`host:port`) the session was for. */
  readonly deviceKey?: string;
  /** Config lines sent in this session before the failure; > 0 means config may have changed. */
  readonly configLinesSent?: number;
  /** Whether the failure happened while commit/save was in flight (config may have changed). */
  readonly duringCommit?: boolean;
  /** The underlying error, if any. */
  readonly cause?: unknown;
}

/**
 * Every failure of libs/ssh. `code` is a stable {@link FailureCode}; callers branch on it, and
 * on the two behaviour flags, never on the message:
 * - `configMayHaveChanged`: at least one config line (or a commit/save) reached the device.
 * - `retryable`: the failure is transient AND nothing may have changed, so the same attempt
 *   can safely run again (the retry policy still caps attempts).
 */
export class SshError extends Error {
  override readonly name: string = 'SshError';
  readonly code: FailureCode;
  readonly retryable: boolean;
  readonly configMayHaveChanged: boolean;
  readonly deviceKey: string | undefined;
  readonly configLinesSent: number;

  constructor(code: FailureCode, message: string, details: SshErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.deviceKey = details.deviceKey;
    this.configLinesSent = details.configLinesSent ?? 0;
    this.configMayHaveChanged = this.configLinesSent > 0 || details.duringCommit === true;
    this.retryable = isTransientFailure(code) && !this.configMayHaveChanged;
  }
}

/** What a device answered to a config line that it rejected. */
export interface ConfigLineErrorDetails extends SshErrorDetails {
  /** The rejected line, as sent. */
  readonly line: string;
  /** 0-based index of the rejected line in the batch. */
  readonly lineIndex: number;
  /** The response line that matched one of the platform's error patterns. */
  readonly matchedText: string;
  /** The device's whole (redacted) response to the line. */
  readonly response: string;
  /** The lines of this batch that were sent before the rejected one (all of them accepted). */
  readonly linesAccepted: readonly string[];
}

/**
 * A config line (or a commit / save) was rejected by the device: code `command_error`. The
 * session stopped at that line, left config mode and, on candidate platforms, discarded the
 * candidate.
 */
export class ConfigLineError extends SshError {
  override readonly name = 'ConfigLineError';
  readonly line: string;
  readonly lineIndex: number;
  readonly matchedText: string;
  readonly response: string;
  readonly linesAccepted: readonly string[];

  constructor(message: string, details: ConfigLineErrorDetails) {
    super(FailureCode.command_error, message, details);
    this.line = details.line;
    this.lineIndex = details.lineIndex;
    this.matchedText = details.matchedText;
    this.response = details.response;
    this.linesAccepted = details.linesAccepted;
  }
}

/**
 * The caller asked for something the platform cannot do (commit on IOS, save on Linux). A
 * caller bug, not a device failure: code `internal_error`, never retryable.
 */
export class UnsupportedOperationError extends SshError {
  override readonly name = 'UnsupportedOperationError';
  readonly operation: string;
  readonly platform: string;

  constructor(operation: string, platform: string, details: SshErrorDetails = {}) {
    super(FailureCode.internal_error, `${operation} is not supported on ${platform}`, details);
    this.operation = operation;
    this.platform = platform;
  }
}

/** Session facts added to an error when it leaves a session call. */
export interface SessionErrorContext {
  readonly deviceKey: string;
  readonly configLinesSent: number;
  readonly duringCommit: boolean;
}

/**
 * The same failure, with the session's facts (device, lines sent, commit in flight), which
 * decide `configMayHaveChanged` and `retryable`. Errors are immutable, so this copies.
 */
export function withSessionContext(error: SshError, ctx: SessionErrorContext): SshError {
  const details: SshErrorDetails = {
    deviceKey: error.deviceKey ?? ctx.deviceKey,
    configLinesSent: Math.max(error.configLinesSent, ctx.configLinesSent),
    duringCommit: error.configMayHaveChanged || ctx.duringCommit,
    cause: error.cause,
  };
  let copy: SshError;
  if (error instanceof ConfigLineError) {
    const { line, lineIndex, matchedText, response, linesAccepted } = error;
    copy = new ConfigLineError(error.message, {
      line,
      lineIndex,
      matchedText,
      response,
      linesAccepted,
      ...details,
    });
  } else if (error instanceof UnsupportedOperationError) {
    copy = new UnsupportedOperationError(error.operation, error.platform, details);
  } else {
    copy = new SshError(error.code, error.message, details);
  }
  copy.stack = error.stack;
  return copy;
}
