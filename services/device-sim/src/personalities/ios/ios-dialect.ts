import type { Platform } from '@fleetpush/domain';
import type { PagerStyle } from '../../cli/cli-personality';
import type { CommandSyntax } from '../../cli/command-table';
import type { IosExecId } from './ios-commands';
import type { Reply } from '../../cli/reply';
import type { DeviceInit, SessionInfo } from '../personality';
import type { IosConfig, IosConfigRules } from './ios-config';
import type { RenderStyle } from './ios-render';

/** Where an IOS-style session is, for its prompt. */
export type PromptMode =
  | { readonly kind: 'user' }
  | { readonly kind: 'priv' }
  | { readonly kind: 'config'; readonly suffix: string };

/** Read-only facts about a device that dialects print (show version, show run header). */
export interface DeviceView {
  readonly index: number;
  config(): IosConfig;
  hostname(): string;
  now(): Date;
  /** When the device "booted" (the simulator's start). */
  readonly bootedAt: Date;
  /** Last config change, for `! Last configuration change at ...`. */
  lastChange(): { readonly at: Date; readonly by: string } | undefined;
  /** Whether running differs from what was last saved (`write memory`). */
  unsaved(): boolean;
  /** The configuration as last saved (the startup config). */
  startupConfig(): IosConfig;
}

/** The platform's error texts. Columns are absolute (the prompt's width is included). */
export interface IosErrors {
  invalid(line: string, caretColumn: number): string;
  incomplete(line: string, endColumn: number): string;
  ambiguous(line: string, token: string, caretColumn: number): string;
  /** A single unknown word in EXEC (IOS tries to telnet to it). Default: `invalid`. */
  unknownWord?(word: string, caretColumn: number): string;
}

/** A dialect-specific EXEC command: its syntax and what it prints. */
export interface ExtraCommand {
  readonly syntax: CommandSyntax;
  /** Needs privileged EXEC (`#`). */
  readonly privileged?: boolean;
  run(view: DeviceView, args: readonly string[], info: SessionInfo): Reply;
}

/**
 * The data and small behaviours that make one IOS-style platform (IOS, IOS-XE, NX-OS, IOS-XR,
 * EOS, FRR's vtysh) different from the others; the engine in `ios-family-*.ts` does the rest.
 */
export interface IosDialect {
  readonly platform: Platform;
  readonly sshIdent: string;
  readonly hostnamePrefix: string;
  /** Hostname after `no hostname`. */
  readonly defaultHostname: string;
  readonly rules: IosConfigRules;
  readonly render: RenderStyle;
  readonly pager: PagerStyle;
  /** Logins land in user EXEC when the device has an enable secret. */
  readonly hasEnable: boolean;
  /** Config lines go to a per-session candidate; `commit` applies them (IOS-XR). */
  readonly candidate: boolean;
  /** `show ...` works in config mode without `do`. */
  readonly showInConfig: boolean;
  /** What a bare `configure` does: IOS asks "Configuring from terminal...", others enter. */
  readonly configureBare: 'ask' | 'enter';
  /** Printed on entering config mode (IOS: "Enter configuration commands, ..."). */
  readonly configBanner: string;
  /** Lines that are never valid in config mode (EXEC-only commands typed without `do`). */
  readonly execOnlyInConfig: RegExp;
  /** Config lines known to be incomplete (`interface` with no name). */
  readonly incompleteLines: ReadonlySet<string>;
  readonly errors: IosErrors;
  /** The configuration a new device starts with (indented text). */
  initialConfig(init: DeviceInit): string;
  prompt(hostname: string, mode: PromptMode): string;
  greeting(view: DeviceView, info: SessionInfo): string;
  /** Full `show running-config` output. */
  showRunning(view: DeviceView): string;
  showVersion(view: DeviceView): string;
  showClock(view: DeviceView): string;
  showIpInterfaceBrief(view: DeviceView): string;
  showIpRoute(view: DeviceView): string;
  /** Canonical interface name (`gi0/1` → `GigabitEthernet0/1`); undefined for unknown types. */
  interfaceName(name: string): string | undefined;
  /** Lines per screen at login (24; FRR's vtysh does not page: 0). */
  readonly defaultPageLength?: number;
  /** Sent as the SSH pre-authentication banner (IOS-XE's `banner login`). */
  readonly preAuthBanner?: string;
  /** Printed after the last wrong enable secret (default `% Bad secrets`). */
  readonly enableDenied?: string;
  ping(target: string): string;
  /** `write memory` output; undefined when the platform has no such command. */
  writeMemory?(view: DeviceView): string;
  /** `show startup-config` output; undefined when the platform has no such command. */
  showStartup?(view: DeviceView): string;
  /** `copy running-config startup-config`: output or a question. */
  copyRunStart?(view: DeviceView, save: () => void): Reply;
  /** A line printed before each show output (IOS-XR's timestamp). */
  stamp?(now: Date): string;
  /** Shared EXEC commands this platform does not have (`write memory` on NX-OS and IOS-XR). */
  readonly missing?: readonly IosExecId[];
  /** Commands only this platform has. */
  readonly extraCommands?: readonly ExtraCommand[];
}
