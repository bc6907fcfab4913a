import type { Role } from '@fleetpush/contracts';
import type { Response, Test } from 'supertest';
import { csvOf, deviceRow, type ApiHarness } from './api-harness';

/** Three plain (non-production) devices. */
export const THREE = [deviceRow('10.0.0.1'), deviceRow('10.0.0.2'), deviceRow('10.0.0.3')];

/** `POST /devices/import{query}` of a CSV as an operator (the JSON answer). */
export function importCsv(h: ApiHarness, csv: string, query = '') {
  return h
    .http()
    .post(`/api/v1/devices/import${query}`)
    .set('Authorization', h.auth('operator'))
    .set('Content-Type', 'text/csv')
    .send(csv);
}

/** Imports rows (replace) as an operator; expects 200. */
export async function importRows(h: ApiHarness, rows: Record<string, string>[]): Promise<void> {
  const res = await importCsv(h, csvOf(rows));
  expect(res.status).toBe(200);
}

/** A valid submission body with `overrides`. */
export function jobBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'ntp',
    commands: ['ntp server {{ntp}}'],
    global_vars: { ntp: '10.9.9.9' },
    targets: ['all'],
    ...overrides,
  };
}

/** `POST <path>` with a job body as `role`. */
export function postJob(
  h: ApiHarness,
  overrides: Record<string, unknown> = {},
  role: Role = 'operator',
  path = '/api/v1/jobs',
): Promise<Response> {
  return h.http().post(path).set('Authorization', h.auth(role)).send(jobBody(overrides));
}

type EndState = 'succeeded' | 'failed' | 'aborted';

/** How {@link drive} ends a device, by its key: a state, or a state and the result to store. */
export type OutcomeOf = (key: string) => EndState | { state: EndState; result: object };

/**
 * Plays the worker: begins and completes every dispatched device until none is left, each
 * with the outcome `outcomeOf` gives (all succeed by default).
 */
export async function drive(
  h: ApiHarness,
  id: string,
  outcomeOf: OutcomeOf = () => 'succeeded',
): Promise<void> {
  for (let round = 0; round < 20; round++) {
    const dispatched = await h.deps.reader.dispatched(id);
    if (dispatched.length === 0) return;
    for (const d of dispatched) {
      expect((await h.deps.coordinator.begin(id, d)).kind).toBe('go');
      const key = (await h.deps.reader.deviceKey(id, d.deviceIndex))!;
      const outcome = outcomeOf(key);
      const { state, result } =
        typeof outcome === 'string'
          ? { state: outcome, result: { output: `configured ${key}` } }
          : outcome;
      await h.deps.coordinator.complete(id, d, state, result, {
        deviceKey: key,
        state,
        attempts: 1,
      });
    }
  }
  throw new Error('the run did not end in 20 rounds');
}

/** `POST /jobs/{id}/rerun` or `/undo` with `body` as `role` (an operator by default). */
export function followUp(
  h: ApiHarness,
  action: 'rerun' | 'undo',
  id: string,
  body: object = {},
  role: Role = 'operator',
): Test {
  return h
    .http()
    .post(`/api/v1/jobs/${id}/${action}`)
    .set('Authorization', h.auth(role))
    .send(body);
}

/** A stored job's submission, as `GET /jobs/{id}` gives it. */
export async function jobSpec(h: ApiHarness, id: string): Promise<Record<string, unknown>> {
  const res = await h.http().get(`/api/v1/jobs/${id}`).set('Authorization', h.auth('viewer'));
  return res.body.spec as Record<string, unknown>;
}
