import type { JobReader, JobRecord } from '@fleetpush/store';

/** A job as the API lists it. */
export interface JobView {
  readonly id: string;
  readonly name: string;
  readonly status: string;
  readonly actor: string;
  readonly created_at: string;
  readonly updated_at: string;
  /** When the run started (null while queued). */
  readonly started_at: string | null;
  /** When the job reached its terminal state (null until then). */
  readonly finished_at: string | null;
  readonly targets: number;
  readonly canary: string;
  /** When a scheduled job starts by itself (`window.start_at`); null when it was not scheduled. */
  readonly start_at: string | null;
  /** When its change window closes (`window.end_at`): no device starts from then on; or null. */
  readonly end_at: string | null;
  /** `pending` while it waits for a second person's approval, then `approved`; null if none was needed. */
  readonly approval: 'pending' | 'approved' | null;
  /** Who approved it, once approved. */
  readonly approved_by: string | null;
  /**
   * Why it stopped starting devices, once ended so (`canary_failed`, `budget_exceeded`,
   * `cancelled`, `window_closed`); null while it runs or when it ran every device.
   */
  readonly end_reason: string | null;
}

/** A job as the lists give it: its view and its devices counted by state. */
export interface JobListItem extends JobView {
  readonly counts: Readonly<Record<string, number>>;
}

/** The listed fields of a stored job record (the full submission is in {@link jobDetail}). */
export function toJobView(record: JobRecord): JobView {
  return {
    id: record.id ?? '',
    name: record.name ?? '',
    status: record.status ?? '',
    actor: record.actor ?? '',
    created_at: record.created_at ?? '',
    updated_at: record.updated_at ?? '',
    started_at: record.started_at || null,
    finished_at: record.finished_at || null,
    targets: Number(record.targets ?? 0),
    canary: record.canary ?? '',
    start_at: record.start_at || null,
    end_at: record.end_at || null,
    approval:
      record.approval === 'pending' || record.approval === 'approved' ? record.approval : null,
    approved_by: record.approved_by || null,
    end_reason: record.end_reason || null,
  };
}

/**
 * A job with its submission (no secret can be in it: credentials live in the inventory), its
 * run's control state and phase, and its devices counted by state.
 */
export async function jobDetail(reader: JobReader, record: JobRecord): Promise<object> {
  const id = record.id ?? '';
  // the run and the counts in one round trip's time
  const [run, counts] = await Promise.all([reader.run(id), reader.stateCounts(id)]);
  return {
    ...toJobView(record),
    spec: JSON.parse(record.spec ?? 'null') as unknown,
    run: {
      control: run.control ?? '',
      phase: run.phase ?? '',
      failures: Number(run.failures ?? 0),
      total: Number(run.total ?? 0),
      in_flight: Number(run.inFlight ?? 0),
      held_by_limits: Number(run.parked ?? 0),
    },
    counts,
  };
}
