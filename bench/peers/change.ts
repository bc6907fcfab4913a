/** The change every tool pushes: 5 config lines, one pre- and one post-check, then a save. */
export const CHANGE_LINES = [
  'ntp server 10.9.9.9',
  'ntp server 10.9.9.10',
  'logging host 10.1.1.1',
  'snmp-server location lab',
  'ip domain-name example.net',
] as const;

/** The pre- and post-check command. */
export const CHECK_COMMAND = 'show running-config';

/** Latency of every simulated command (ms), as in the measurements. */
export const COMMAND_MS = 20;

/** Size of the Netmiko thread pool and Ansible's forks, as operators run them. */
export const PEER_PARALLELISM = 50;

/** What a tool run measured, in the units the table prints. */
export interface Measurement {
  readonly tool: string;
  readonly devices: number;
  readonly run: number;
  readonly wallMs: number;
  readonly cpuSeconds: number;
  readonly peakRssBytes: number;
  readonly failures: number;
  /**
   * Devices whose mutation ledger (from the simulator) holds each changed line exactly once:
   * what really happened, whatever the tool reported. Filled in after the run.
   */
  readonly applied?: number;
  /** Anything worth printing about failures (error kinds, exit code). */
  readonly note?: string;
  /** CPU seconds by process, where the tool has several (fleetpush: api, workers, redis). */
  readonly cpuByProcess?: Readonly<Record<string, number>>;
  /** Printed under the run's line (fleetpush's job timeline with `--timeline`). */
  readonly details?: string;
}
