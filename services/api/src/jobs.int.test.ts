import { installLeakCheck } from '@fleetpush/testing';
import type { Response } from 'supertest';
import { csvOf, deviceRow, withApi, type ApiHarness } from './__fixtures__/api-harness';
import { drive } from './__fixtures__/job-helpers';

installLeakCheck();

async function importRows(h: ApiHarness, rows: Record<string, string>[]): Promise<void> {
  const res = await h
    .http()
    .post('/api/v1/devices/import')
    .set('Authorization', h.auth('operator'))
    .set('Content-Type', 'text/csv')
    .send(csvOf(rows));
  expect(res.status).toBe(200);
}

async function submit(
  h: ApiHarness,
  body: Record<string, unknown>,
  role: 'operator' | 'admin' = 'operator',
  idempotencyKey?: string,
): Promise<Response> {
  const req = h.http().post('/api/v1/jobs').set('Authorization', h.auth(role));
  if (idempotencyKey !== undefined) void req.set('Idempotency-Key', idempotencyKey);
  return req.send({
    name: 'ntp',
    commands: ['ntp server {{ntp}}'],
    global_vars: { ntp: '10.9.9.9' },
    targets: ['all'],
    ...body,
  });
}

const THREE = [deviceRow('10.0.0.1'), deviceRow('10.0.0.2'), deviceRow('10.0.0.3')];

describe('job submission', () => {
  it('stores, starts and enqueues a job: 201, canary dispatched, readable by id', async () => {
    await withApi(async (h) => {
      await importRows(h, THREE);
      const res = await submit(h, {});
      expect(res.status).toBe(201);
      const id = res.body.job.id as string;
      expect(res.body.job).toMatchObject({
        status: 'running',
        targets: 3,
        canary: '10.0.0.1:22',
        actor: 'operator',
      });
      expect((await h.deps.queue.depth()).waiting).toBe(1);
      const detail = await h
        .http()
        .get(`/api/v1/jobs/${id}`)
        .set('Authorization', h.auth('viewer'));
      expect(detail.status).toBe(200);
      expect(detail.body.counts).toEqual({ queued: 1, pending: 2 });
      expect(detail.body.spec.commands).toEqual(['ntp server {{ntp}}']);
      const events = await h
        .http()
        .get(`/api/v1/jobs/${id}/events?since=0`)
        .set('Authorization', h.auth('viewer'));
      expect(events.body.events.map((e: { type: string }) => e.type).slice(0, 2)).toEqual([
        'job:created',
        'job:status',
      ]);
      const later = await h
        .http()
        .get(`/api/v1/jobs/${id}/events?since=2`)
        .set('Authorization', h.auth('viewer'));
      expect(later.body.events.every((e: { seq: number }) => e.seq > 2)).toBe(true);
      const result = await h
        .http()
        .get(`/api/v1/jobs/${id}/result`)
        .set('Authorization', h.auth('viewer'));
      expect(
        result.body.devices.map((d: { key: string; state: string }) => [d.key, d.state]),
      ).toEqual([
        ['10.0.0.1:22', 'queued'],
        ['10.0.0.2:22', 'pending'],
        ['10.0.0.3:22', 'pending'],
      ]);
      const device = await h
        .http()
        .get(`/api/v1/jobs/${id}/devices/${encodeURIComponent('10.0.0.2:22')}`)
        .set('Authorization', h.auth('viewer'));
      expect(device.status).toBe(200);
      expect(device.body.task.commands).toEqual(['ntp server 10.9.9.9']);
      expect(device.text).not.toContain('sealed');
      expect(device.text).not.toContain('credentials');
    });
  });

  it('lists jobs newest first and answers 404 for an unknown job or device', async () => {
    await withApi(async (h) => {
      await importRows(h, THREE);
      const first = (await submit(h, { name: 'first' })).body.job.id as string;
      const second = (await submit(h, { name: 'second' })).body.job.id as string;
      const list = await h.http().get('/api/v1/jobs').set('Authorization', h.auth('viewer'));
      expect(list.body.items.map((j: { id: string }) => j.id)).toEqual([second, first]);
      expect(list.body.total).toBe(2);
      for (const path of [
        '/api/v1/jobs/nope',
        '/api/v1/jobs/nope/result',
        '/api/v1/jobs/nope/events',
        `/api/v1/jobs/${first}/devices/10.9.9.9%3A22`,
      ]) {
        const res = await h.http().get(path).set('Authorization', h.auth('viewer'));
        expect([path, res.status, res.body.error.code]).toEqual([path, 404, 'not_found']);
      }
    });
  });

  it('returns the first job for a retried submission with the same Idempotency-Key', async () => {
    await withApi(async (h) => {
      await importRows(h, THREE);
      const first = await submit(h, {}, 'operator', 'change-42');
      const retry = await submit(h, {}, 'operator', 'change-42');
      expect(first.status).toBe(201);
      expect(retry.status).toBe(200);
      expect(retry.body.job.id).toBe(first.body.job.id);
      const other = await submit(h, {}, 'operator', 'change-43');
      expect(other.status).toBe(201);
      expect(other.body.job.id).not.toBe(first.body.job.id);
      const changed = await submit(h, { name: 'other change' }, 'operator', 'change-42');
      expect(changed.status).toBe(409);
      expect(changed.body.error.code).toBe('conflict');
      expect(await h.redis.redis.zcard(h.deps.keys.jobIndex)).toBe(2);
      expect((await h.deps.queue.depth()).waiting).toBe(2);
    });
  });

  it('creates one job for concurrent retries with the same Idempotency-Key', async () => {
    await withApi(async (h) => {
      await importRows(h, THREE);
      const all = await Promise.all(
        Array.from({ length: 5 }, () => submit(h, {}, 'operator', 'burst')),
      );
      const statuses = all.map((r) => r.status).sort();
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      expect(statuses.every((s) => s === 201 || s === 200 || s === 409)).toBe(true);
      expect(await h.redis.redis.zcard(h.deps.keys.jobIndex)).toBe(1);
    });
  });

  it('lets a corrected retry reuse the Idempotency-Key of a refused submission', async () => {
    await withApi(async (h) => {
      await importRows(h, THREE);
      const refused = await submit(h, { targets: ['10.7.7.7:22'] }, 'operator', 'k1');
      expect(refused.status).toBe(400);
      const fixed = await submit(h, {}, 'operator', 'k1');
      expect(fixed.status).toBe(201);
    });
  });

  it('refuses with 400 listing every problem, storing nothing', async () => {
    await withApi(async (h) => {
      await importRows(h, THREE);
      const res = await submit(h, {
        commands: ['ntp server {{ntp}}', 'logging host {{syslog}}'],
        targets: ['all', '10.7.7.7:22'],
      });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('job_refused');
      const text = JSON.stringify(res.body.error.details);
      expect(text).toContain('10.7.7.7:22');
      for (const key of ['10.0.0.1:22', '10.0.0.2:22', '10.0.0.3:22']) expect(text).toContain(key);
      expect(text).toContain('syslog');
      expect(await h.redis.redis.zcard(h.deps.keys.jobIndex)).toBe(0);
      expect((await h.deps.queue.depth()).waiting).toBe(0);
    });
  });

  it('refuses a global variable that smuggles a second command: 400 naming device and variable', async () => {
    await withApi(async (h) => {
      await importRows(h, [deviceRow('10.0.0.1')]);
      const res = await submit(h, { global_vars: { ntp: '10.0.0.1\nreload' } });
      expect(res.status).toBe(400);
      const details = res.body.error.details as { path: string; message: string }[];
      expect(details).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            message: expect.stringMatching(/10\.0\.0\.1:22.*ntp|ntp.*10\.0\.0\.1:22/s),
          }),
        ]),
      );
      expect(await h.redis.redis.zcard(h.deps.keys.jobIndex)).toBe(0);
    });
  });

  it('lets only an admin with confirm_prod change production devices', async () => {
    await withApi(async (h) => {
      await importRows(h, [deviceRow('10.0.0.1', { prod: 'true' }), deviceRow('10.0.0.2')]);
      const operator = await submit(h, { confirm_prod: true });
      expect(operator.status).toBe(403);
      expect(operator.body.error.code).toBe('forbidden');
      const unconfirmed = await submit(h, {}, 'admin');
      expect(unconfirmed.status).toBe(400);
      expect(unconfirmed.body.error.details.map((d: { path: string }) => d.path)).toContain(
        'confirm_prod',
      );
      const confirmed = await submit(h, { confirm_prod: true }, 'admin');
      expect(confirmed.status).toBe(201);
      expect(confirmed.body.prod_devices).toEqual(['10.0.0.1:22']);
      const nonProd = await submit(h, { targets: ['10.0.0.2:22'] });
      expect(nonProd.status).toBe(201);
    });
  });
});

describe('job control', () => {
  it('pauses, resumes, cancels, and answers 409 when the state forbids it', async () => {
    await withApi(async (h) => {
      await importRows(h, THREE);
      const id = (await submit(h, {})).body.job.id as string;
      const control = (action: string, body?: object) => {
        const req = h
          .http()
          .post(`/api/v1/jobs/${id}/${action}`)
          .set('Authorization', h.auth('operator'));
        return body === undefined ? req : req.send(body);
      };
      const paused = await control('pause', { reason: 'lunch' });
      expect(paused.status).toBe(200);
      expect(paused.body).toMatchObject({ status: 'paused', changed: true });
      expect((await control('pause')).body.changed).toBe(false);
      const resumed = await control('resume');
      expect(resumed.body).toMatchObject({ status: 'running', changed: true });
      const cancelled = await control('cancel');
      expect(cancelled.status).toBe(200);
      const status = cancelled.body.status as string;
      expect(['cancelling', 'cancelled']).toContain(status);
      const refused = await control('resume');
      expect(refused.status).toBe(409);
      expect(refused.body.error).toMatchObject({
        code: 'invalid_state',
        details: [{ path: 'status', message: status }],
      });
      const bad = await control('pause', { reason: 7 });
      expect(bad.status).toBe(400);
      const unknownJob = await h
        .http()
        .post('/api/v1/jobs/nope/pause')
        .set('Authorization', h.auth('operator'));
      expect(unknownJob.status).toBe(404);
      const unknownAction = await control('explode');
      expect(unknownAction.status).toBe(404);
    });
  });

  it('enqueues the devices a resume dispatches', async () => {
    await withApi(async (h) => {
      await importRows(h, THREE);
      const id = (await submit(h, {})).body.job.id as string;
      const pause = await h
        .http()
        .post(`/api/v1/jobs/${id}/pause`)
        .set('Authorization', h.auth('operator'));
      expect(pause.status).toBe(200);
      // A worker takes the canary while the run is paused: it goes back to pending.
      const [canary] = await h.deps.reader.dispatched(id);
      expect(await h.deps.coordinator.begin(id, canary!)).toEqual({ kind: 'requeued' });
      expect((await h.deps.queue.depth()).waiting).toBe(1);
      const resume = await h
        .http()
        .post(`/api/v1/jobs/${id}/resume`)
        .set('Authorization', h.auth('operator'));
      expect(resume.body).toMatchObject({ status: 'running', changed: true });
      expect((await h.deps.queue.depth()).waiting).toBe(2);
      const [again] = await h.deps.reader.dispatched(id);
      expect(again?.generation).toBeGreaterThan(canary!.generation);
    });
  });
});

describe('a job run to its end', () => {
  it('shows every device result, the final status and refuses control with 409', async () => {
    await withApi(async (h) => {
      await importRows(h, THREE);
      const id = (await submit(h, {})).body.job.id as string;
      await drive(h, id);
      const detail = await h
        .http()
        .get(`/api/v1/jobs/${id}`)
        .set('Authorization', h.auth('viewer'));
      expect(detail.body).toMatchObject({ status: 'completed', counts: { succeeded: 3 } });
      const result = await h
        .http()
        .get(`/api/v1/jobs/${id}/result`)
        .set('Authorization', h.auth('viewer'));
      expect(result.body.devices.map((d: { result: unknown }) => d.result)).toEqual([
        { output: 'configured 10.0.0.1:22' },
        { output: 'configured 10.0.0.2:22' },
        { output: 'configured 10.0.0.3:22' },
      ]);
      const events = await h
        .http()
        .get(`/api/v1/jobs/${id}/events`)
        .set('Authorization', h.auth('viewer'));
      const types = events.body.events.map((e: { type: string }) => e.type);
      expect(types.filter((t: string) => t === 'device:result')).toHaveLength(3);
      const pause = await h
        .http()
        .post(`/api/v1/jobs/${id}/pause`)
        .set('Authorization', h.auth('operator'));
      expect(pause.status).toBe(409);
      expect(pause.body.error.details).toEqual([{ path: 'status', message: 'completed' }]);
    });
  });
});
