import type { Redis } from 'ioredis';
import type { RedisKeys } from '../../redis-keys';
import type { Dispatch } from '../coordinator-replies';
import type { NewJob } from '../create-job';
import type { RunCoordinator } from '../run-coordinator';

/** The outcome a simulated device reports for an attempt. */
export type SimOutcome = 'succeeded' | 'failed' | 'aborted';

/** What the driver observed while playing a run. */
export interface DriveLog {
  /** Device indexes in the order they began (got `go`). */
  readonly began: number[];
  /** Highest number of dispatched (in-flight) devices seen after any step. */
  maxDispatched: number;
  /** Highest number of devices between `go` and `complete` at once. */
  maxRunning: number;
  /** Devices that began while the canary had not finished successfully (must stay empty). */
  readonly beganBeforeCanary: number[];
}

/** Options of {@link driveRun}. */
export interface DriveOptions {
  readonly outcome: (deviceIndex: number) => SimOutcome;
  /** Picks which pending action to take next (default: first); tests pass a seeded random. */
  readonly pick?: (n: number) => number;
  /**
   * Called after every step; may issue control actions, and returns what they dispatched
   * (a resume's devices) for delivery.
   */
  readonly afterStep?: (step: number) => Promise<Dispatch[] | void>;
  /** Called when nothing is left to deliver or run (a paused run): returns more, or ends the drive. */
  readonly onIdle?: () => Promise<Dispatch[] | void>;
  readonly maxSteps?: number;
  /** Go on with a run the test started and took past its canary: these are its deliveries. */
  readonly from?: Dispatch[];
}

/**
 * Plays a run the way workers would, without SSH: deliveries begin, devices run and complete
 * in an order chosen by `pick`, and every dispatch a step returns is delivered. Used to check
 * the coordinator's invariants over many interleavings.
 */
export async function driveRun(
  redis: Redis,
  keys: RedisKeys,
  coordinator: RunCoordinator,
  job: NewJob,
  options: DriveOptions,
): Promise<DriveLog> {
  const pick = options.pick ?? (() => 0);
  const deliveries: Dispatch[] = [
    ...(options.from ?? (await coordinator.start(job.id, 'tester')) ?? []),
  ];
  const running: Dispatch[] = [];
  const log: DriveLog = { began: [], maxDispatched: 0, maxRunning: 0, beganBeforeCanary: [] };
  let canaryPassed = options.from !== undefined;
  const k = keys.job(job.id);
  for (let step = 0; step < (options.maxSteps ?? 100_000); step += 1) {
    if (deliveries.length + running.length === 0)
      deliveries.push(...((await options.onIdle?.()) ?? []));
    const total = deliveries.length + running.length;
    if (total === 0) break;
    const choice = pick(total);
    if (choice < deliveries.length) {
      const [d] = deliveries.splice(choice, 1);
      const reply = await coordinator.begin(job.id, d!);
      if (reply.kind === 'go') {
        if (!canaryPassed && d!.deviceIndex !== job.plan.canary)
          log.beganBeforeCanary.push(d!.deviceIndex);
        log.began.push(d!.deviceIndex);
        running.push(d!);
      } else if (reply.kind === 'wait') {
        deliveries.push(d!);
      }
    } else {
      const [d] = running.splice(choice - deliveries.length, 1);
      const outcome = options.outcome(d!.deviceIndex);
      const reply = await coordinator.complete(
        job.id,
        d!,
        outcome,
        { state: outcome },
        {
          deviceKey: job.devices[d!.deviceIndex]!.key,
          state: outcome,
          attempts: 1,
        },
      );
      if (d!.deviceIndex === job.plan.canary && outcome === 'succeeded') canaryPassed = true;
      if (reply.kind === 'ok') deliveries.push(...reply.dispatch);
    }
    log.maxDispatched = Math.max(log.maxDispatched, await redis.zcard(k.dispatched));
    log.maxRunning = Math.max(log.maxRunning, running.length);
    deliveries.push(...((await options.afterStep?.(step)) ?? []));
    const tick = await coordinator.tick(job.id);
    deliveries.push(...tick.dispatch);
  }
  return log;
}
