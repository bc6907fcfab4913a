import { installLeakCheck } from '@fleetpush/testing';
import { RedisHostKeyStore } from '@fleetpush/store';
import { ADMIN_TOKEN, withApi, type ApiHarness } from './__fixtures__/api-harness';
import { importRows, postJob, THREE } from './__fixtures__/job-helpers';

installLeakCheck();

function getAudit(h: ApiHarness, query = ''): ReturnType<ReturnType<ApiHarness['http']>['get']> {
  return h.http().get(`/api/v1/audit${query}`).set('Authorization', h.auth('admin'));
}

interface Entry {
  id: string;
  at: string;
  actor: string;
  action: string;
  target: string;
  details: Record<string, unknown>;
}

describe('the audit log', () => {
  it('records imports, submissions, control, tokens, credentials and host-key enrollments, newest first, without secrets', async () => {
    await withApi(async (h) => {
      await importRows(h, THREE);
      const job = await postJob(h);
      expect(job.status).toBe(201);
      const id = job.body.job.id as string;
      const pause = await h
        .http()
        .post(`/api/v1/jobs/${id}/pause`)
        .set('Authorization', h.auth('operator'));
      expect(pause.status).toBe(200);
      const token = await h
        .http()
        .post('/api/v1/tokens')
        .set('Authorization', h.auth('admin'))
        .send({ name: 'ci', role: 'viewer' });
      expect(token.status).toBe(201);
      const revoke = await h
        .http()
        .delete(`/api/v1/tokens/${token.body.id}`)
        .set('Authorization', h.auth('admin'));
      expect(revoke.status).toBe(204);
      const cred = await h
        .http()
        .post('/api/v1/credentials')
        .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
        .send({
          name: 'lab',
          username: 'netops',
          password: 'hunter2-secret',
          enable_secret: 'en-secret-9',
        });
      expect(cred.status).toBe(201);
      expect(
        (await h.http().delete('/api/v1/credentials/lab').set('Authorization', h.auth('admin')))
          .status,
      ).toBe(204);
      await new RedisHostKeyStore(h.redis.redis, h.redis.prefix).set(
        '10.0.0.1:22',
        `SHA256:${'A'.repeat(43)}`,
      );

      const res = await getAudit(h);
      expect(res.status).toBe(200);
      const items = res.body.items as Entry[];
      expect(items.map((e) => [e.action, e.target])).toEqual([
        ['host_key:enrolled', '10.0.0.1:22'],
        ['credential:deleted', 'lab'],
        ['credential:created', 'lab'],
        ['token:revoked', token.body.id],
        ['token:created', token.body.id],
        ['job:controlled', id],
        ['job:submitted', id],
        ['devices:imported', 'inventory'],
      ]);
      expect(res.body.next).toBeNull();
      const byAction = Object.fromEntries(items.map((e) => [e.action, e]));
      expect(byAction['devices:imported']!.details).toMatchObject({ imported: 3, mode: 'replace' });
      expect(byAction['job:controlled']!.details).toMatchObject({
        action: 'pause',
        status: 'paused',
      });
      expect(byAction['job:submitted']!.actor).toMatch(/^operator \(.+\)$/);
      expect(byAction['credential:created']!.actor).toBe('FLEETPUSH_ADMIN_TOKEN (bootstrap-admin)');
      expect(byAction['host_key:enrolled']).toMatchObject({
        actor: 'worker',
        details: { fingerprint: `SHA256:${'A'.repeat(43)}` },
      });
      for (const secret of [
        'hunter2-secret',
        'en-secret-9',
        'pw-10.0.0.1',
        token.body.token,
        ADMIN_TOKEN,
        h.tokens.operator,
      ]) {
        expect(res.text).not.toContain(secret);
      }
      // Entries are valid in the stream itself too: nothing secret was ever written.
      const raw = JSON.stringify(await h.redis.redis.xrange(h.deps.keys.audit, '-', '+'));
      for (const secret of ['hunter2-secret', 'en-secret-9', 'pw-10.0.0.1', token.body.token]) {
        expect(raw).not.toContain(secret);
      }
    });
  });

  it('filters by action, actor and time, and pages with the next cursor', async () => {
    await withApi(async (h) => {
      for (const name of ['a', 'b', 'c', 'd', 'e']) {
        const created = await h
          .http()
          .post('/api/v1/tokens')
          .set('Authorization', h.auth('admin'))
          .send({ name, role: 'viewer' });
        expect(created.status).toBe(201);
      }
      await importRows(h, THREE);
      const tokens = await getAudit(h, '?action=token:created&limit=2');
      expect(tokens.body.items.map((e: Entry) => e.details.name)).toEqual(['e', 'd']);
      const next = await getAudit(h, `?action=token:created&limit=2&before=${tokens.body.next}`);
      expect(next.body.items.map((e: Entry) => e.details.name)).toEqual(['c', 'b']);
      const last = await getAudit(h, `?action=token:created&limit=2&before=${next.body.next}`);
      expect(last.body.items.map((e: Entry) => e.details.name)).toEqual(['a']);
      expect(last.body.next).toBeNull();
      const byOperator = await getAudit(h, '?actor=OPERATOR');
      expect(byOperator.body.items.map((e: Entry) => e.action)).toEqual(['devices:imported']);
      const future = await getAudit(
        h,
        `?since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`,
      );
      expect(future.body.items).toEqual([]);
      const past = await getAudit(h, '?since=2000-01-01T00:00:00Z');
      expect(past.body.items).toHaveLength(6);
    });
  });

  it('answers 400 naming the field for a bad filter', async () => {
    await withApi(async (h) => {
      for (const [query, path] of [
        ['?action=nope', 'action'],
        ['?since=yesterday', 'since'],
        ['?limit=0', 'limit'],
        ['?limit=1001', 'limit'],
        ['?before=abc', 'before'],
        ['?colour=red', '(body)'],
      ] as const) {
        const res = await getAudit(h, query);
        expect([query, res.status, res.body.error.code]).toEqual([query, 400, 'validation_failed']);
        expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
      }
    });
  });
});
