import type { ApprovalPolicy } from '@fleetpush/config';
import { installLeakCheck } from '@fleetpush/testing';
import { deviceRow, withApi, type ApiHarness } from './__fixtures__/api-harness';
import { drive, followUp, importRows, postJob, THREE } from './__fixtures__/job-helpers';

installLeakCheck();

function under<T>(policy: ApprovalPolicy, fn: (h: ApiHarness) => Promise<T>): Promise<T> {
  return withApi(fn, { approvalPolicy: policy });
}

/** A second person's token with `role`, named `name`. */
async function person(h: ApiHarness, name: string, role: 'operator' | 'admin'): Promise<string> {
  return `Bearer ${(await h.deps.tokens.create(name, role)).token}`;
}

function approve(h: ApiHarness, id: string, auth: string, body: object = {}) {
  return h.http().post(`/api/v1/jobs/${id}/approve`).set('Authorization', auth).send(body);
}

describe('four eyes: FLEETPUSH_APPROVAL_POLICY', () => {
  it('under "all", a job waits, touching nothing, until someone other than its submitter approves it', async () => {
    await under('all', async (h) => {
      await importRows(h, THREE);
      const res = await postJob(h);
      expect(res.status).toBe(201);
      expect(res.body.job).toMatchObject({
        status: 'queued',
        approval: 'pending',
        approved_by: null,
      });
      const id = res.body.job.id as string;
      expect((await h.deps.queue.depth()).waiting).toBe(0);

      const run = await h
        .http()
        .post(`/api/v1/jobs/${id}/run`)
        .set('Authorization', h.auth('admin'));
      expect([run.status, run.body.error.message]).toEqual([
        409,
        expect.stringContaining('awaits approval'),
      ]);
      const own = await approve(h, id, h.auth('operator'));
      expect([own.status, own.body.error.message]).toEqual([
        403,
        expect.stringContaining('four eyes'),
      ]);
      expect((await h.deps.queue.depth()).waiting).toBe(0);

      const bob = await person(h, 'bob', 'operator');
      const approved = await approve(h, id, bob, { comment: 'MOP 4711 reviewed' });
      expect(approved.status).toBe(202);
      expect(approved.body.job).toMatchObject({
        status: 'running',
        approval: 'approved',
        approved_by: 'bob',
      });
      expect((await h.deps.queue.depth()).waiting).toBe(1);
      expect((await approve(h, id, bob)).status).toBe(409);
      const events = await h
        .http()
        .get(`/api/v1/jobs/${id}/events`)
        .set('Authorization', h.auth('viewer'));
      const types = events.body.events.map((e: { type: string }) => e.type);
      expect(types.slice(0, 4)).toEqual([
        'job:created',
        'job:status',
        'job:approved',
        'job:status',
      ]);
      expect(events.body.events[2]).toMatchObject({ approvedBy: 'bob' });

      const audit = await h
        .http()
        .get('/api/v1/audit?action=job:approved')
        .set('Authorization', h.auth('admin'));
      expect(audit.body.items).toEqual([
        expect.objectContaining({
          actor: expect.stringMatching(/^bob \(tok_/),
          target: id,
          details: { comment: 'MOP 4711 reviewed', scheduled: false },
        }),
      ]);
      await drive(h, id);
      const ended = await h.http().get(`/api/v1/jobs/${id}`).set('Authorization', h.auth('viewer'));
      expect(ended.body).toMatchObject({
        status: 'completed',
        approved_by: 'bob',
        end_reason: null,
      });
    });
  });

  it('under "production", only jobs reaching a production device wait, and only an admin other than the submitter approves', async () => {
    await under('production', async (h) => {
      await importRows(h, [deviceRow('10.0.0.1'), deviceRow('10.0.0.2', { prod: 'true' })]);
      const preview = (body: Record<string, unknown>) =>
        postJob(h, body, 'admin', '/api/v1/jobs/preview').then((r) => r.body.needs_approval);
      expect(await preview({ targets: ['10.0.0.1:22'] })).toBe(false);
      expect(await preview({ confirm_prod: true })).toBe(true);
      expect(await preview({ confirm_prod: true, dry_run: true })).toBe(false);
      const lab = await postJob(h, { targets: ['10.0.0.1:22'] });
      expect(lab.body.job).toMatchObject({ status: 'running', approval: null });

      const prod = await postJob(h, { confirm_prod: true }, 'admin');
      expect(prod.body.job).toMatchObject({ status: 'queued', approval: 'pending' });
      const id = prod.body.job.id as string;
      expect((await approve(h, id, h.auth('admin'))).status).toBe(403);
      const operator = await approve(h, id, await person(h, 'olga', 'operator'));
      expect([operator.status, operator.body.error.message]).toEqual([
        403,
        expect.stringContaining('admin'),
      ]);
      const approved = await approve(h, id, await person(h, 'ada', 'admin'));
      expect(approved.body.job).toMatchObject({ status: 'running', approved_by: 'ada' });
    });
  });

  it('an approved job whose window opens later is scheduled, not started; a pending one can be cancelled', async () => {
    await under('all', async (h) => {
      await importRows(h, THREE);
      const startAt = new Date(Date.now() + 3_600_000).toISOString();
      const scheduled = await postJob(h, { window: { start_at: startAt } });
      const id = scheduled.body.job.id as string;
      expect(scheduled.body.job).toMatchObject({
        status: 'queued',
        approval: 'pending',
        start_at: startAt,
      });
      // not on the schedule until approved: a worker must not start it at its time
      expect(await h.redis.redis.zscore(h.deps.keys.scheduledJobs, id)).toBeNull();
      const approved = await approve(h, id, await person(h, 'bob', 'operator'));
      expect(approved.status).toBe(202);
      expect(approved.body.job).toMatchObject({ status: 'queued', approval: 'approved' });
      expect(await h.redis.redis.zscore(h.deps.keys.scheduledJobs, id)).toBe(
        String(Date.parse(startAt)),
      );

      const other = (await postJob(h)).body.job.id as string;
      const cancel = await h
        .http()
        .post(`/api/v1/jobs/${other}/cancel`)
        .set('Authorization', h.auth('operator'));
      expect(cancel.body).toMatchObject({ status: 'cancelled', changed: true });
      expect((await approve(h, other, await person(h, 'carl', 'operator'))).status).toBe(409);
      expect((await h.deps.queue.depth()).waiting).toBe(0);
    });
  });

  it('a dry run never waits; a rerun waits like any job; the UI is told the policy', async () => {
    await under('all', async (h) => {
      await importRows(h, THREE);
      const dry = await postJob(h, { dry_run: true });
      expect(dry.body.job).toMatchObject({ status: 'running', approval: null });
      await drive(h, dry.body.job.id, () => 'failed');
      const rerun = await followUp(h, 'rerun', dry.body.job.id);
      expect(rerun.status).toBe(201);
      // the rerun is a dry run too: it changes nothing, so it starts
      expect(rerun.body.job).toMatchObject({ approval: null });

      const job = (await postJob(h)).body.job.id as string;
      await approve(h, job, await person(h, 'bob', 'operator'));
      await drive(h, job, () => 'failed');
      const again = await followUp(h, 'rerun', job);
      expect(again.body.job).toMatchObject({ status: 'queued', approval: 'pending' });

      const ui = await h.http().get('/api/v1/ui-config').set('Authorization', h.auth('viewer'));
      expect(ui.body.approvalPolicy).toBe('all');
    });
  });

  it("the canary's hold of a held job is released by someone other than its submitter too", async () => {
    await under('all', async (h) => {
      await importRows(h, THREE);
      const id = (await postJob(h, { pause_after_canary: true })).body.job.id as string;
      const bob = await person(h, 'bob', 'operator');
      expect((await approve(h, id, bob)).status).toBe(202);
      await drive(h, id); // the canary succeeds; the job holds after it
      const resume = (auth: string) =>
        h.http().post(`/api/v1/jobs/${id}/resume`).set('Authorization', auth).send({});
      const own = await resume(h.auth('operator'));
      expect([own.status, own.body.error.message]).toEqual([
        403,
        expect.stringContaining('four eyes'),
      ]);
      expect((await h.deps.reader.record(id))?.status).toBe('paused');
      const other = await resume(bob);
      expect(other.body).toMatchObject({ status: 'running', changed: true });
      // any later pause is the submitter's to lift again
      await h
        .http()
        .post(`/api/v1/jobs/${id}/pause`)
        .set('Authorization', h.auth('operator'))
        .send({});
      expect((await resume(h.auth('operator'))).body).toMatchObject({ changed: true });
    });
  });
});
