/**
 * Renews what a device task holds (its device lease, its fleet-wide session slot) while the
 * task runs, so a device slower than the lease's TTL is never taken by another run mid-change.
 * A renewal that finds the lease gone is reported (`onLost`), once.
 */
export class LeaseKeeper {
  private readonly timer: NodeJS.Timeout;
  private lost = false;

  constructor(
    private readonly renew: () => Promise<boolean>,
    intervalMs: number,
    private readonly onLost: () => void,
  ) {
    this.timer = setInterval(() => void this.tick(), intervalMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    const held = await this.renew().catch(() => true); // Redis away: the next tick retries
    if (!held && !this.lost) {
      this.lost = true;
      this.onLost();
    }
  }

  /** Stops renewing (idempotent). */
  stop(): void {
    clearInterval(this.timer);
  }
}
