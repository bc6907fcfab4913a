import type { TestRedis } from '@fleetpush/testing';
import { EventLog } from '../../event-log';
import { redisKeys } from '../../redis-keys';
import { createJob } from '../create-job';
import { JobReader } from '../job-reader';
import { RunCoordinator } from '../run-coordinator';
import { fixtureJob, type FixtureJobOptions } from './job-fixture';

/** Stores a fixture job under the test's prefix; the coordinator and readers to play it with. */
export async function storedJob(ctx: TestRedis, options: FixtureJobOptions) {
  const keys = redisKeys(ctx.prefix);
  const job = fixtureJob(options);
  await createJob(ctx.redis, keys, job);
  return {
    keys,
    job,
    coordinator: new RunCoordinator(ctx.redis, keys),
    reader: new JobReader(ctx.redis, keys),
    events: new EventLog(ctx.redis, keys),
  };
}
