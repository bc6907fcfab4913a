/** What a ledger entry records: a config line taking effect, or a device rolling changes back. */
export const LedgerEntryKind = {
  /** A config line took effect (for candidate platforms: was committed). */
  apply: 'apply',
  /** The device reverted earlier entries by itself (an unconfirmed `commit confirmed`). */
  rollback: 'rollback',
} as const;

/** One of {@link LedgerEntryKind}. */
export type LedgerEntryKind = (typeof LedgerEntryKind)[keyof typeof LedgerEntryKind];

/** One config mutation seen by a simulated device. */
export interface LedgerEntry {
  /** Increases by one per entry on this device, never reused (not even after `clear()`). */
  changeId: number;
  /** The line as the client typed it (trimmed); for a rollback, a description of it. */
  line: string;
  /** The config-mode path the line was entered under, e.g. `['interface Gi0/1']`; `[]` = global. */
  context: string[];
  /** Epoch ms when the line took effect. */
  at: number;
  /** The SSH session that sent the line (for a rollback: the session that committed). */
  sessionId: number;
  /** `apply` for config lines, `rollback` for automatic rollbacks. */
  kind: LedgerEntryKind;
  /** For a rollback: the change ids it undid. */
  reverts?: number[];
}

/** The per-device record tests use to prove "never touched" or "applied exactly once". */
export interface MutationLedger {
  /** Every config line applied, in order (committed lines only for candidate platforms). */
  entries(): readonly LedgerEntry[];
  /** How many times this exact (trimmed) line was applied. */
  count(line: string): number;
  /** No config line was ever applied (since the last `clear()`). */
  isUntouched(): boolean;
  /** Forgets every entry (change ids keep increasing). */
  clear(): void;
}

/** The writable ledger a device keeps; the read side is {@link MutationLedger}. */
export class RecordingLedger implements MutationLedger {
  private readonly list: LedgerEntry[] = [];
  private nextChangeId = 1;

  constructor(private readonly now: () => number = Date.now) {}

  entries(): readonly LedgerEntry[] {
    return this.list;
  }

  count(line: string): number {
    const wanted = line.trim();
    return this.list.filter((e) => e.kind === LedgerEntryKind.apply && e.line === wanted).length;
  }

  isUntouched(): boolean {
    return this.list.length === 0;
  }

  clear(): void {
    this.list.length = 0;
  }

  /** Records a config line that took effect and returns its entry. */
  recordApply(line: string, context: readonly string[], sessionId: number): LedgerEntry {
    return this.push({ line: line.trim(), context: [...context], sessionId, kind: 'apply' });
  }

  /** Records an automatic rollback of the given change ids. */
  recordRollback(line: string, reverts: readonly number[], sessionId: number): LedgerEntry {
    return this.push({ line, context: [], sessionId, kind: 'rollback', reverts: [...reverts] });
  }

  private push(entry: Omit<LedgerEntry, 'changeId' | 'at'>): LedgerEntry {
    const full: LedgerEntry = { changeId: this.nextChangeId++, at: this.now(), ...entry };
    this.list.push(full);
    return full;
  }
}
