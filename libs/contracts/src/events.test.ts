import { fleetEventSchema } from './events';
import { deviceTaskJobId } from './queue-payloads';

describe('fleetEventSchema', () => {
  const at = '2026-11-26T08:00:00.000Z';

  it('parses each event type and rejects unknown types', () => {
    const events = [
      { type: 'job:status', jobId: 'j1', seq: 1, at, from: null, to: 'queued' },
      {
        type: 'device:status',
        jobId: 'j1',
        seq: 2,
        at,
        deviceKey: '[::1]:22',
        state: 'connecting',
        attempt: 1,
      },
      {
        type: 'device:result',
        jobId: 'j1',
        seq: 3,
        at,
        deviceKey: 'r1:22',
        state: 'failed',
        attempts: 2,
        code: 'auth_failed',
      },
      { type: 'log', jobId: 'j1', seq: 4, at, level: 'info', lines: ['a', 'b'] },
      {
        type: 'job:finished',
        jobId: 'j1',
        seq: 5,
        at,
        status: 'failed',
        counts: { failed: 1 },
        durationMs: 10,
      },
    ];
    for (const event of events) expect(fleetEventSchema.parse(event)).toEqual(event);
    expect(fleetEventSchema.safeParse({ ...events[0], type: 'job:exploded' }).success).toBe(false);
    expect(fleetEventSchema.safeParse({ ...events[1], state: 'sleeping' }).success).toBe(false);
    expect(fleetEventSchema.safeParse({ ...events[2], code: 'gremlins' }).success).toBe(false);
    expect(fleetEventSchema.safeParse({ ...events[0], seq: 0 }).success).toBe(false);
  });
});

describe('deviceTaskJobId', () => {
  it('never contains a colon, whatever the device', () => {
    expect(deviceTaskJobId({ jobId: 'j', runId: 'r1', deviceIndex: 7, generation: 2 })).toBe(
      'r1|7|2',
    );
  });
});
