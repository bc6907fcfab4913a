import type { FleetEvent } from '@fleetpush/contracts';
import type { EventPage } from '@fleetpush/store';
import fc from 'fast-check';
import { JobFollower, type EventSource } from './job-follower';

function event(seq: number): FleetEvent {
  return {
    type: 'log',
    jobId: 'j',
    seq,
    at: '2030-01-01T00:00:00.000Z',
    level: 'info',
    lines: [`${seq}`],
  };
}

/**
 * A job's stream and pub/sub channel under the test's control. A read runs against the stream
 * at `executeRead()` (when Redis executes it) and its reply arrives at `resolveRead()`, so live
 * batches can arrive between the two, as they can between a Redis reply and a pub/sub message.
 */
class Harness implements EventSource {
  readonly stream: FleetEvent[] = [];
  readonly published: FleetEvent[][] = [];
  private readonly requested: Array<() => () => void> = [];
  private readonly executed: Array<() => void> = [];
  /** Seq of the oldest event kept (events below were trimmed). */
  trimmedBelow = 1;
  failNextRead = false;

  append(count: number): void {
    const first = this.stream.length + 1;
    const batch = Array.from({ length: count }, (_, i) => event(first + i));
    this.stream.push(...batch);
    this.published.push(batch);
  }

  read(_jobId: string, since: number, limit: number): Promise<EventPage> {
    return new Promise((resolve, reject) => {
      this.requested.push(() => {
        if (this.failNextRead) {
          this.failNextRead = false;
          return () => reject(new Error('redis down'));
        }
        const kept = this.stream.filter((e) => e.seq >= this.trimmedBelow);
        const events = kept.filter((e) => e.seq > since).slice(0, limit);
        const firstSeq = events[0]?.seq;
        const truncated =
          firstSeq !== undefined ? firstSeq > since + 1 : this.stream.length > since;
        return () => resolve({ events, truncated });
      });
    });
  }

  get pendingReads(): number {
    return this.requested.length + this.executed.length;
  }

  executeRead(): void {
    const run = this.requested.shift();
    if (run) this.executed.push(run());
  }

  resolveRead(): void {
    if (this.executed.length === 0) this.executeRead();
    this.executed.shift()?.();
  }
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function follow(harness: Harness, since: number, pageSize = 3) {
  const batches: number[][] = [];
  const errors: unknown[] = [];
  const follower = new JobFollower({
    jobId: 'j',
    since,
    source: harness,
    pageSize,
    send: (events) => batches.push(events.map((e) => e.seq)),
    onError: (error) => errors.push(error),
  });
  return { follower, batches, errors, received: () => batches.flat() };
}

async function drain(harness: Harness, follower: JobFollower): Promise<void> {
  for (;;) {
    await settle();
    if (harness.pendingReads > 0) harness.resolveRead();
    else if (harness.published.length > 0) follower.offer(harness.published.shift()!);
    else return;
  }
}

const range = (from: number, to: number): number[] =>
  Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);

describe('JobFollower', () => {
  it('sends every event after `since` exactly once, in order, whatever the interleaving', async () => {
    const action = fc.oneof(
      fc.record({ kind: fc.constant('append' as const), count: fc.integer({ min: 1, max: 5 }) }),
      fc.constant({ kind: 'deliver' as const }),
      fc.constant({ kind: 'drop' as const }),
      fc.constant({ kind: 'execute' as const }),
      fc.constant({ kind: 'resolve' as const }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 0, max: 12 }),
        fc.array(action, { maxLength: 40 }),
        fc.integer({ min: 1, max: 5 }),
        async (initial, sinceRaw, actions, pageSize) => {
          const harness = new Harness();
          harness.append(initial);
          harness.published.length = 0;
          const since = Math.min(sinceRaw, initial);
          const { follower, batches, received } = follow(harness, since, pageSize);
          const replay = follower.replay();
          let dropped = false;
          for (const step of actions) {
            if (step.kind === 'append') harness.append(step.count);
            else if (step.kind === 'execute') harness.executeRead();
            else if (step.kind === 'resolve') harness.resolveRead();
            const batch =
              step.kind === 'deliver' || step.kind === 'drop'
                ? harness.published.shift()
                : undefined;
            if (batch && step.kind === 'deliver') follower.offer(batch);
            if (batch && step.kind === 'drop') dropped = true;
            await settle();
          }
          await drain(harness, follower);
          await replay;
          if (dropped) {
            follower.resync(); // what a subscriber reconnect does
            await drain(harness, follower);
          }
          expect(received()).toEqual(range(since + 1, harness.stream.length));
          for (const batch of batches) expect(batch).toEqual(range(batch[0]!, batch.at(-1)!));
          expect(follower.lastSeq).toBe(Math.max(since, harness.stream.length));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reports a trimmed stream and continues from the oldest event kept', async () => {
    const harness = new Harness();
    harness.append(10);
    harness.trimmedBelow = 6;
    const { follower, received } = follow(harness, 2);
    const replay = follower.replay();
    await drain(harness, follower);
    await expect(replay).resolves.toEqual({ replayed: 5, truncated: true });
    expect(received()).toEqual([6, 7, 8, 9, 10]);
  });

  it('catches up from the stream after a failed read, at the next live batch', async () => {
    const harness = new Harness();
    harness.append(2);
    harness.published.length = 0;
    const { follower, received, errors } = follow(harness, 0);
    const replay = follower.replay();
    await drain(harness, follower);
    await replay;
    harness.append(1);
    harness.published.shift(); // lost
    harness.append(1);
    harness.failNextRead = true;
    await drain(harness, follower); // the gap starts a read, which fails
    expect(errors).toHaveLength(1);
    expect(received()).toEqual([1, 2]);
    harness.append(1);
    await drain(harness, follower);
    expect(received()).toEqual([1, 2, 3, 4, 5]);
  });

  it('sends nothing once closed, even when a read was in flight', async () => {
    const harness = new Harness();
    harness.append(3);
    const { follower, received } = follow(harness, 0);
    const replay = follower.replay();
    follower.close();
    harness.append(2);
    await drain(harness, follower);
    await replay;
    expect(received()).toEqual([]);
  });
});
