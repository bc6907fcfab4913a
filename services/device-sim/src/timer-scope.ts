/**
 * Timers owned by one simulated device or session, cancelled together when it closes, so a closed
 * fleet leaves no pending timeout behind (the leak check counts them).
 */
export class TimerScope {
  private readonly timers = new Set<NodeJS.Timeout>();

  /** Runs `fn` once after `ms`; returns a cancel function. */
  after(ms: number, fn: () => void): () => void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
    return () => {
      clearTimeout(timer);
      this.timers.delete(timer);
    };
  }

  /** Cancels every pending timer. */
  clearAll(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  /** Pending timers (for tests). */
  get size(): number {
    return this.timers.size;
  }
}
