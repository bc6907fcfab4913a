import { fleetEventSchema, type FleetEvent } from '@fleetpush/contracts';
import { jobTimeline, timelineTable } from './job-timeline';

const T0 = Date.parse('2026-12-07T10:00:00.000Z');
let seq = 0;

function event(atMs: number, body: Record<string, unknown>): FleetEvent {
  seq += 1;
  return fleetEventSchema.parse({
    seq,
    jobId: 'j1',
    at: new Date(T0 + atMs).toISOString(),
    ...body,
  });
}

const status = (atMs: number, deviceKey: string, state: string) =>
  event(atMs, { type: 'device:status', deviceKey, state, attempt: 1 });

describe('jobTimeline', () => {
  it('gives each kind of event, in the order kinds first happened, its count and first, median and last time from the first event', () => {
    const events = [
      event(0, { type: 'job:status', from: 'queued', to: 'running' }),
      status(20, '10.0.0.1:22', 'connecting'),
      status(300, '10.0.0.2:22', 'connecting'),
      status(310, '10.0.0.3:22', 'connecting'),
      status(450, '10.0.0.4:22', 'connecting'),
      status(120, '10.0.0.1:22', 'pre_check'),
      event(900, { type: 'job:status', from: 'running', to: 'completed' }),
    ];
    expect(jobTimeline(events)).toEqual([
      { kind: 'job:status running', count: 1, firstMs: 0, medianMs: 0, lastMs: 0 },
      // times are sorted, so the median does not depend on the order the events were stored
      { kind: 'device:status connecting', count: 4, firstMs: 20, medianMs: 300, lastMs: 450 },
      { kind: 'device:status pre_check', count: 1, firstMs: 120, medianMs: 120, lastMs: 120 },
      { kind: 'job:status completed', count: 1, firstMs: 900, medianMs: 900, lastMs: 900 },
    ]);
  });

  it('has nothing to show for a job without events', () => {
    expect(jobTimeline([])).toEqual([]);
  });

  it('prints a Markdown table under its title', () => {
    const table = timelineTable('job j1:', [
      { kind: 'device:status connecting', count: 4, firstMs: 20, medianMs: 300, lastMs: 450 },
    ]);
    expect(table.split('\n')).toEqual([
      'job j1:',
      '',
      '| event | count | first ms | median ms | last ms |',
      '| --- | ---: | ---: | ---: | ---: |',
      '| device:status connecting | 4 | 20 | 300 | 450 |',
    ]);
  });
});
