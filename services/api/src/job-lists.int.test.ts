import { installLeakCheck } from '@fleetpush/testing';
import { withApi, type ApiHarness } from './__fixtures__/api-harness';
import { drive, importRows, postJob, THREE } from './__fixtures__/job-helpers';

installLeakCheck();

function list(h: ApiHarness, query: string) {
  return h.http().get(`/api/v1/jobs${query}`).set('Authorization', h.auth('viewer'));
}

const names = (res: { body: { items: { name: string }[] } }): string[] =>
  res.body.items.map((j) => j.name);

/** Five jobs: two by the operator, three by the admin, in several states. */
async function fiveJobs(h: ApiHarness): Promise<Record<string, string>> {
  await importRows(h, THREE);
  const ids: Record<string, string> = {};
  const specs = [
    ['core ntp', 'operator', {}],
    ['edge ntp', 'operator', { '?start': false }],
    ['core snmp', 'admin', {}],
    ['edge snmp', 'admin', {}],
    ['core logging', 'admin', {}],
  ] as const;
  for (const [name, role, opts] of specs) {
    const path = '?start' in opts ? '/api/v1/jobs?start=false' : '/api/v1/jobs';
    const res = await postJob(h, { name }, role, path);
    expect(res.status).toBe(201);
    ids[name] = res.body.job.id as string;
  }
  await drive(h, ids['core snmp']!);
  const cancel = await h
    .http()
    .post(`/api/v1/jobs/${ids['edge snmp']}/cancel`)
    .set('Authorization', h.auth('operator'));
  expect(cancel.status).toBe(200);
  const pause = await h
    .http()
    .post(`/api/v1/jobs/${ids['core logging']}/pause`)
    .set('Authorization', h.auth('operator'));
  expect(pause.status).toBe(200);
  return ids;
}

describe('job lists', () => {
  it('filters by status, owner and name text, newest first, with totals and pages', async () => {
    await withApi(async (h) => {
      await fiveJobs(h);
      expect(names(await list(h, ''))).toEqual([
        'core logging',
        'edge snmp',
        'core snmp',
        'edge ntp',
        'core ntp',
      ]);
      const core = await list(h, '?text=CORE');
      expect([names(core), core.body.total]).toEqual([
        ['core logging', 'core snmp', 'core ntp'],
        3,
      ]);
      expect(names(await list(h, '?owner=operator'))).toEqual(['edge ntp', 'core ntp']);
      expect(names(await list(h, '?created_by=admin&text=snmp'))).toEqual([
        'edge snmp',
        'core snmp',
      ]);
      expect(names(await list(h, '?status=completed'))).toEqual(['core snmp']);
      expect(names(await list(h, '?status=queued,running'))).toEqual(['edge ntp', 'core ntp']);
      const page = await list(h, '?text=core&offset=1&limit=1');
      expect([names(page), page.body.total, page.body.offset, page.body.limit]).toEqual([
        ['core snmp'],
        3,
        1,
        1,
      ]);
      expect((await list(h, '?text=nothing-like-it')).body).toMatchObject({ items: [], total: 0 });
    });
  });

  it('gives each listed job its devices counted by state, and finds a job by the start of its id', async () => {
    await withApi(async (h) => {
      const ids = await fiveJobs(h);
      const counts = (res: { body: { items: { name: string; counts: unknown }[] } }) =>
        Object.fromEntries(res.body.items.map((j) => [j.name, j.counts]));
      const all = counts(await list(h, ''));
      expect(all['core snmp']).toEqual({ succeeded: 3 });
      expect(all['edge ntp']).toEqual({ pending: 3 });
      // the same counts through the filtered path and the active list
      expect(counts(await list(h, '?status=completed'))).toEqual({ 'core snmp': { succeeded: 3 } });
      expect(counts(await list(h, '/active'))['edge ntp']).toEqual({ pending: 3 });
      const byId = await list(h, `?text=${ids['edge ntp']!.slice(0, 8).toUpperCase()}`);
      expect(names(byId)).toEqual(['edge ntp']);
    });
  });

  it('lists active jobs (queued, held, running, paused, cancelling), newest first, not ended ones', async () => {
    await withApi(async (h) => {
      await fiveJobs(h);
      const active = await list(h, '/active');
      expect(active.status).toBe(200);
      expect(
        active.body.items.map((j: { name: string; status: string }) => [j.name, j.status]),
      ).toEqual([
        ['core logging', 'paused'],
        // Its canary was dispatched when it was cancelled: it drains, so it is still active.
        ['edge snmp', 'cancelling'],
        ['edge ntp', 'queued'],
        ['core ntp', 'running'],
      ]);
      expect(active.body.total).toBe(4);
    });
  });

  it('answers 400 naming the field for a bad filter', async () => {
    await withApi(async (h) => {
      for (const [query, path] of [
        ['?status=sleeping', 'status[0]'],
        ['?status=running,nope', 'status[1]'],
        ['?limit=0', 'limit'],
        ['?offset=-1', 'offset'],
        ['?owner=', 'owner'],
      ] as const) {
        const res = await list(h, query);
        expect([query, res.status, res.body.error?.code]).toEqual([
          query,
          400,
          'validation_failed',
        ]);
        expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
      }
    });
  });
});
