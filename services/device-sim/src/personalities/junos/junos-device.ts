import type { CliPersonality } from '../../cli/cli-personality';
import { isoStamp } from '../clock-format';
import { ConfirmedCommit } from '../confirmed-commit';
import { deviceAddress } from '../ios/interface-names';
import type { DeviceInit, PersonalityDevice, SessionInfo } from '../personality';
import { JunosSession } from './junos-session';
import { JunosTree, junosWords, statementPath } from './junos-tree';

/** The Junos release the simulator claims. */
export const JUNOS_VERSION = '21.4R3.15';

/** A `set`/`delete` line waiting in a candidate. */
export interface JunosPending {
  readonly typed: string;
  /** The `[edit ...]` level it was typed at. */
  readonly context: readonly string[];
  readonly sessionId: number;
}

/** A candidate configuration: a copy of running plus the lines that made it differ. */
export interface JunosCandidate {
  tree: JunosTree;
  pending: JunosPending[];
}

/** Junos' shared state: the committed config, the shared candidate, commit history. */
export class JunosDevice implements PersonalityDevice {
  running: JunosTree;
  /** `configure` (not private) edits this one candidate, shared by every session. */
  readonly shared: JunosCandidate;
  readonly confirmed: ConfirmedCommit;
  /** Previous committed configs, newest first (`rollback 1` = the one before the last commit). */
  readonly history: JunosTree[] = [];
  lastCommit: { at: Date; by: string } | undefined;
  readonly bootedAt: Date;

  constructor(readonly init: DeviceInit) {
    this.running = new JunosTree();
    for (const line of initialSetLines(init)) {
      this.running.set(statementPath(junosWords(line).slice(1)));
    }
    this.shared = { tree: this.running.clone(), pending: [] };
    this.bootedAt = init.now();
    this.confirmed = new ConfirmedCommit(
      init.timers,
      init.ledger,
      'rollback: commit confirmed not confirmed in time',
    );
  }

  hostname(): string {
    const name = this.running.at(['system'])?.find((n) => n.name.startsWith('host-name '))?.name;
    return name ? name.slice('host-name '.length).replace(/"/g, '') : 'Amnesiac';
  }

  runningConfig(): string {
    return `${this.render(this.running).join('\n')}\n`;
  }

  /** `show configuration`'s text for a tree, with the last-commit header. */
  render(tree: JunosTree): string[] {
    const at = this.lastCommit?.at ?? this.bootedAt;
    return [
      `## Last commit: ${isoStamp(at)} by ${this.lastCommit?.by ?? 'root'}`,
      `version ${JUNOS_VERSION};`,
      ...tree.render(),
    ];
  }

  openSession(info: SessionInfo): CliPersonality {
    return new JunosSession(this, info);
  }

  /** Commits a candidate: it becomes running, its lines go to the ledger. */
  commit(
    candidate: JunosCandidate,
    author: { readonly username: string; readonly sessionId: number },
    confirmMinutes?: number,
  ): void {
    const snapshot = this.running.clone();
    const ids = candidate.pending.map(
      (p) => this.init.ledger.recordApply(p.typed, p.context, p.sessionId).changeId,
    );
    this.history.unshift(snapshot);
    this.running = candidate.tree.clone();
    this.lastCommit = { at: this.init.now(), by: author.username };
    candidate.pending = [];
    if (confirmMinutes === undefined) {
      this.confirmed.confirm();
      return;
    }
    const ms = confirmMinutes * 60_000 * this.init.confirmTimeScale();
    this.confirmed.start(ms, ids, () => this.restore(snapshot), author.sessionId);
  }

  private restore(snapshot: JunosTree): void {
    this.running = snapshot;
    this.shared.tree = snapshot.clone();
    this.shared.pending = [];
  }
}

/** The factory configuration of a vMX, as set lines. */
function initialSetLines(init: DeviceInit): string[] {
  return [
    `set system host-name ${init.hostname}`,
    'set system root-authentication encrypted-password "$6$lUoJ$2Qf0aUx4Yb3nFQm5C1LvUeJz8d0"',
    `set system login user ${init.username} uid 2000`,
    `set system login user ${init.username} class super-user`,
    `set system login user ${init.username} authentication encrypted-password "$6$d9Qx$8mZ1bV4rT7yW2uK5"`,
    'set system services ssh',
    'set system services netconf ssh',
    'set system syslog user * any emergency',
    'set system syslog file messages any notice',
    'set system syslog file messages authorization info',
    `set interfaces ge-0/0/0 unit 0 family inet address ${deviceAddress(init.index)}/24`,
    'set interfaces ge-0/0/1 unit 0 family inet',
    'set interfaces ge-0/0/2 unit 0 family inet',
    'set interfaces lo0 unit 0 family inet address 127.0.0.1/32',
    `set routing-options static route 0.0.0.0/0 next-hop ${deviceAddress(init.index, 254)}`,
  ];
}
