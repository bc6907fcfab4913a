import { parseArgs } from 'node:util';

/**
 * The tools the peer benchmark can run. `ssh2-floor` is not a peer but a yardstick: the change's
 * commands over bare ssh2 at each fleetpush window (bench/peers/ssh2-floor.ts).
 */
export const PEER_TOOLS = ['fleetpush', 'ssh2-floor', 'netmiko', 'ansible'] as const;
/** One of {@link PEER_TOOLS}. */
export type PeerTool = (typeof PEER_TOOLS)[number];

/** What `npm run bench:peers` was asked to do. */
export interface PeersArgs {
  /** Fleet sizes for fleetpush and Netmiko. */
  readonly devices: number[];
  /** Fleet sizes at which Ansible also runs (it is CPU-bound: the issue runs it at 100 only). */
  readonly ansibleDevices: number[];
  readonly runs: number;
  readonly tools: PeerTool[];
  /** fleetpush windows (the job's `strategy.concurrency`). */
  readonly concurrency: number[];
  /** fleetpush worker processes. */
  readonly workers: number;
  /**
   * Measure fleetpush as a running service: a dry run over the fleet first (connects and runs
   * the pre-check, never config mode), so code is warm and host keys are known, as they are for
   * a deployment's second change. Default: cold (fresh processes, first contact).
   */
  readonly warm: boolean;
  /**
   * Print each fleetpush run's job timeline from its events: per event kind (a device state,
   * the canary, the waves), when the first, the median and the last happened.
   */
  readonly timeline: boolean;
}

function numbers(raw: string, name: string): number[] {
  const list = raw.split(',').map(Number);
  if (list.some((n) => !Number.isInteger(n) || n < 1)) {
    throw new Error(`--${name} must be positive integers separated by commas, got "${raw}"`);
  }
  return list;
}

/**
 * Parses `--devices 100,500,1000 --runs 3 --tools … --ansible-devices 100 --concurrency 50,200
 * [--warm] [--timeline]`.
 */
export function parsePeersArgs(argv: readonly string[]): PeersArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      devices: { type: 'string', default: '100,500,1000' },
      'ansible-devices': { type: 'string', default: '100' },
      runs: { type: 'string', default: '3' },
      tools: { type: 'string', default: PEER_TOOLS.join(',') },
      concurrency: { type: 'string', default: '50,200' },
      workers: { type: 'string', default: '1' },
      warm: { type: 'boolean', default: false },
      timeline: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const tools = values.tools.split(',');
  const unknown = tools.filter((t) => !(PEER_TOOLS as readonly string[]).includes(t));
  if (unknown.length > 0) throw new Error(`--tools: unknown ${unknown.join(', ')}`);
  return {
    devices: numbers(values.devices, 'devices'),
    ansibleDevices: numbers(values['ansible-devices'], 'ansible-devices'),
    runs: numbers(values.runs, 'runs')[0]!,
    tools: tools as PeerTool[],
    concurrency: numbers(values.concurrency, 'concurrency'),
    workers: numbers(values.workers, 'workers')[0]!,
    warm: values.warm,
    timeline: values.timeline,
  };
}
