import type { RecordingLedger } from '../mutation-ledger';
import type { TimerScope } from '../timer-scope';

/** A pending `commit confirmed` and how to undo it. */
interface Trial {
  readonly cancel: () => void;
  readonly changeIds: number[];
  readonly restore: () => void;
  readonly sessionId: number;
}

/**
 * `commit confirmed` on candidate platforms: the commit takes effect at once, and unless a plain
 * `commit` confirms it in time, the device restores the configuration it had before and records
 * the rollback in the ledger. A second trial commit extends the timer and keeps the first
 * restore point, as Junos and IOS-XR do.
 */
export class ConfirmedCommit {
  private trial: Trial | undefined;

  constructor(
    private readonly timers: TimerScope,
    private readonly ledger: RecordingLedger,
    private readonly describe: string,
  ) {}

  /** A trial commit is waiting for confirmation. */
  get pending(): boolean {
    return this.trial !== undefined;
  }

  /** Starts (or extends) a trial commit that rolls back after `ms` unless confirmed. */
  start(ms: number, changeIds: readonly number[], restore: () => void, sessionId: number): void {
    const previous = this.trial;
    previous?.cancel();
    const trial: Trial = {
      cancel: this.timers.after(ms, () => this.expire()),
      changeIds: [...(previous?.changeIds ?? []), ...changeIds],
      restore: previous?.restore ?? restore,
      sessionId,
    };
    this.trial = trial;
  }

  /** Confirms the pending trial (a plain `commit`); false when none was pending. */
  confirm(): boolean {
    const trial = this.trial;
    if (!trial) return false;
    trial.cancel();
    this.trial = undefined;
    return true;
  }

  private expire(): void {
    const trial = this.trial;
    if (!trial) return;
    this.trial = undefined;
    trial.restore();
    this.ledger.recordRollback(this.describe, trial.changeIds, trial.sessionId);
  }
}
