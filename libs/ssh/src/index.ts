/**
 * @packageDocumentation
 * Device sessions on ssh2: platform profiles as data, prompt learning, paging, config mode
 * and candidate commits, error classification, host-key policy, redacted transcripts.
 */
export { openSession } from './open-session';
export type {
  CallOptions,
  CommandOutput,
  ConfigureResult,
  DeviceSession,
  SessionCapabilities,
} from './device-session';
export type { SessionTarget, SessionAuth } from './session-target';
export { SESSION_DEFAULTS, resolveSessionOptions } from './session-options';
export type { SessionOptions, ResolvedSessionOptions } from './session-options';
export { SshError, ConfigLineError, UnsupportedOperationError, withSessionContext } from './errors';
export type { SshErrorDetails, ConfigLineErrorDetails, SessionErrorContext } from './errors';
export {
  HostKeyPolicy,
  MemoryHostKeyStore,
  fingerprintOf,
  sameFingerprint,
  verifyHostKey,
} from './host-key';
export type { HostKeyStore, HostKeyCheck, HostKeyVerdict } from './host-key';
export { MODERN_ALGORITHMS, LEGACY_ALGORITHMS, algorithmsFor } from './algorithms';
export { SHELL_PTY } from './ssh-connection';
export { PROFILES, profileFor } from './profiles/profile-registry';
export { CliMode } from './profiles/platform-profile';
export type {
  PlatformProfile,
  PromptSpec,
  PromptAnswer,
  EnableSpec,
  ConfigModeSpec,
  SaveSpec,
  CandidateSpec,
} from './profiles/platform-profile';
export { Redactor } from './redactor';
export type { TranscriptSnapshot } from './transcript';
export { generateKeyPair } from './key-pair';
export type { KeyPair, KeyPairOptions, KeyPairType } from './key-pair';
export { READ_ONLY_POLICIES, checkReadOnlyCommand } from './read-only-commands';
export type { CommandWord, ReadOnlyPolicy, ReadOnlyVerdict } from './read-only-commands';
