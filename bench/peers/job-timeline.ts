import type { FleetEvent } from '@fleetpush/contracts';

/** When a job's events of one kind happened, in ms from the job's first event. */
export interface TimelineRow {
  /** The event type, with the state or status it moves to (`device:status connecting`). */
  readonly kind: string;
  readonly count: number;
  readonly firstMs: number;
  readonly medianMs: number;
  readonly lastMs: number;
}

function kindOf(event: FleetEvent): string {
  if (event.type === 'device:status' || event.type === 'device:result')
    return `${event.type} ${event.state}`;
  if (event.type === 'job:status') return `${event.type} ${event.to}`;
  return event.type;
}

/**
 * A job's timeline from its own events (the engine's clock): per kind, in the order the kinds
 * first happened, how many and when the first, the median and the last happened. It shows
 * where a run's wall time went: the canary alone, the wave's start, each device phase.
 */
export function jobTimeline(events: readonly FleetEvent[]): TimelineRow[] {
  const start = events.length > 0 ? Date.parse(events[0]!.at) : 0;
  const times = new Map<string, number[]>();
  for (const event of events) {
    const kind = kindOf(event);
    const list = times.get(kind) ?? [];
    list.push(Date.parse(event.at) - start);
    times.set(kind, list);
  }
  return [...times].map(([kind, list]) => {
    const sorted = list.sort((a, b) => a - b);
    return {
      kind,
      count: sorted.length,
      firstMs: sorted[0]!,
      medianMs: sorted[(sorted.length - 1) >> 1]!,
      lastMs: sorted[sorted.length - 1]!,
    };
  });
}

/** The timeline as a Markdown table under a title line. */
export function timelineTable(title: string, rows: readonly TimelineRow[]): string {
  const lines = [
    title,
    '',
    '| event | count | first ms | median ms | last ms |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...rows.map((r) => `| ${r.kind} | ${r.count} | ${r.firstMs} | ${r.medianMs} | ${r.lastMs} |`),
  ];
  return lines.join('\n');
}
