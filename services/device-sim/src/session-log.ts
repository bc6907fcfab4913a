/** One SSH session (an authenticated connection) to a simulated device. */
export interface SessionRecord {
  /** Unique within the fleet, increasing in the order sessions were authenticated. */
  sessionId: number;
  username: string;
  /** Epoch ms when authentication succeeded. */
  openedAt: number;
  /** Epoch ms when the connection closed; absent while it is open. */
  closedAt?: number;
}

/** The sessions a device has seen, for concurrency checks ("never two at once"). */
export class SessionLog {
  private readonly records: SessionRecord[] = [];
  private open = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** Records a new open session and returns it (its `closedAt` is set by {@link close}). */
  opened(sessionId: number, username: string): SessionRecord {
    const record: SessionRecord = { sessionId, username, openedAt: this.now() };
    this.records.push(record);
    this.open += 1;
    return record;
  }

  /** Marks a session closed; closing twice is harmless. */
  close(record: SessionRecord): void {
    if (record.closedAt !== undefined) return;
    record.closedAt = this.now();
    this.open -= 1;
  }

  /** Every session, oldest first. */
  all(): readonly SessionRecord[] {
    return this.records;
  }

  /** Sessions not yet closed. */
  active(): number {
    return this.open;
  }
}
