import type { Platform } from '@fleetpush/domain';
import type { CliPersonality } from '../cli/cli-personality';
import type { RecordingLedger } from '../mutation-ledger';
import type { TimerScope } from '../timer-scope';

/** What a device gives its personality when it is created. */
export interface DeviceInit {
  /** Position in the fleet; used to derive addresses and serial numbers. */
  readonly index: number;
  readonly hostname: string;
  readonly username: string;
  readonly ledger: RecordingLedger;
  /** Device-level timers (commit confirmed); cleared when the device closes. */
  readonly timers: TimerScope;
  /** Multiplier of `commit confirmed` delays (the `confirmTimeScale` fault). */
  readonly confirmTimeScale: () => number;
  /** The device clock (injectable so renderings are testable). */
  readonly now: () => Date;
}

/** Who opened a shell, and how. */
export interface SessionInfo {
  readonly sessionId: number;
  readonly username: string;
  /** When set, IOS-like platforms start in user EXEC (`>`) and `enable` asks for it. */
  readonly enableSecret?: string;
  /** The client requested a pty (linux writes bare `\n` without one, as sshd does). */
  readonly pty: boolean;
  /** The client's address, printed in "Last login" lines. */
  readonly remoteIp: string;
}

/** A platform's simulated state on one device (running config, candidates, commit history). */
export interface PersonalityDevice {
  /** The hostname the prompt shows now. */
  hostname(): string;
  /** What the device prints for its running configuration now. */
  runningConfig(): string;
  /** Starts the CLI of a new shell session. */
  openSession(info: SessionInfo): CliPersonality;
}

/** A simulated platform: data and small behaviour, one file per platform. */
export interface Personality {
  readonly platform: Platform;
  /** Software part of the SSH identification string (`SSH-2.0-<this>`). */
  readonly sshIdent: string;
  /** SSH pre-authentication banner (userauth banner), if the platform sends one. */
  readonly preAuthBanner?: string;
  /** Prefix of generated hostnames (`R` gives R1, R2, ...). */
  readonly hostnamePrefix: string;
  /** Creates the state of one device. */
  createDevice(init: DeviceInit): PersonalityDevice;
}
