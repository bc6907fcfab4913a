import { planRun, type FailureBudget, type WaveSize } from '@fleetpush/domain';
import type { NewJob } from '../create-job';
import type { DeviceGroups } from '../../jobs/group-limits';

/** Options of {@link fixtureJob}. */
export interface FixtureJobOptions {
  readonly id?: string;
  readonly devices: number;
  readonly canary?: number;
  readonly waves?: WaveSize[];
  readonly concurrency?: number;
  readonly staggerMs?: number;
  readonly budget?: FailureBudget;
  readonly pauseAfterCanary?: boolean;
  /** Group limits: caps by group id − 1 and each device's group ids (from 1). */
  readonly groups?: Pick<DeviceGroups, 'caps' | 'ofDevice'>;
}

/** A job over `devices` fake devices `10.0.<i/250>.<i%250>:22`, planned by the domain. */
export function fixtureJob(options: FixtureJobOptions): NewJob {
  const concurrency = options.concurrency ?? 5;
  const staggerMs = options.staggerMs ?? 0;
  const budget = options.budget ?? { stopOnError: true };
  const targets = Array.from({ length: options.devices }, (_, i) => i);
  const plan = planRun({
    targets,
    canary: options.canary,
    strategy: { waves: options.waves, concurrency, staggerMs, budget },
  });
  if (!plan.ok) throw new Error(JSON.stringify(plan.error));
  return {
    id: options.id ?? `job-${Math.random().toString(36).slice(2, 10)}`,
    name: 'fixture',
    actor: 'tester',
    createdAt: new Date(),
    spec: { fixture: true },
    devices: targets.map((i) => ({
      key: `10.0.${Math.floor(i / 250)}.${i % 250}:22`,
      task: { index: i },
    })),
    plan: plan.value,
    concurrency,
    staggerMs,
    budget,
    pauseAfterCanary: options.pauseAfterCanary ?? false,
    ...(options.groups
      ? { groups: { ...options.groups, names: options.groups.caps.map((_, i) => `g${i + 1}`) } }
      : {}),
  };
}
