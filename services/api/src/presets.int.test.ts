import { installLeakCheck } from '@fleetpush/testing';
import { withApi, type ApiHarness } from './__fixtures__/api-harness';

installLeakCheck();

const NTP = {
  name: 'ntp servers',
  os_model: 'ios',
  commands: ['ntp server {{ntp}}'],
  verify_commands: ['show run | include ntp'],
  settings: { strategy: { concurrency: 5, waves: [1, '50%'] }, verify_mode: 'canary' },
};

function create(h: ApiHarness, body: object, role: 'operator' | 'viewer' = 'operator') {
  return h.http().post('/api/v1/presets').set('Authorization', h.auth(role)).send(body);
}

describe('presets per OS model', () => {
  it('creates, reads, lists by os_model, replaces and deletes a preset; audits every write', async () => {
    await withApi(async (h) => {
      const created = await create(h, NTP);
      expect(created.status).toBe(201);
      const id = created.body.id as string;
      expect(created.body).toMatchObject({
        name: 'ntp servers',
        os_model: 'cisco_ios',
        commands: ['ntp server {{ntp}}'],
        verify_commands: ['show run | include ntp'],
        settings: {
          strategy: { concurrency: 5, waves: [1, '50%'], stagger_ms: 0 },
          verify_mode: 'canary',
        },
      });
      expect(created.body.updated_by).toMatch(/^operator \(/);
      const junos = await create(h, {
        ...NTP,
        os_model: 'juniper_junos',
        commands: ['set system ntp server {{ntp}}'],
      });
      expect(junos.status).toBe(201);
      const viewer = (path: string) => h.http().get(path).set('Authorization', h.auth('viewer'));
      expect((await viewer(`/api/v1/presets/${id}`)).body).toEqual(created.body);
      expect((await viewer('/api/v1/presets')).body.items).toHaveLength(2);
      const ios = await viewer('/api/v1/presets?os_model=cisco_ios');
      expect(ios.body.items.map((p: { id: string }) => p.id)).toEqual([id]);
      const replaced = await h
        .http()
        .put(`/api/v1/presets/${id}`)
        .set('Authorization', h.auth('operator'))
        .send({ ...NTP, name: 'ntp v2', commands: ['ntp server {{ntp}} prefer'] });
      expect(replaced.status).toBe(200);
      expect(replaced.body).toMatchObject({
        id,
        name: 'ntp v2',
        created_at: created.body.created_at,
      });
      // The old name is free again within the model.
      expect((await create(h, NTP)).status).toBe(201);
      const deleted = await h
        .http()
        .delete(`/api/v1/presets/${id}`)
        .set('Authorization', h.auth('operator'));
      expect(deleted.status).toBe(204);
      expect((await viewer(`/api/v1/presets/${id}`)).status).toBe(404);
      // The deleted preset's name is free too.
      expect((await create(h, { ...NTP, name: 'ntp v2' })).status).toBe(201);
      const audit = await h
        .http()
        .get('/api/v1/audit?limit=10')
        .set('Authorization', h.auth('admin'));
      expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual([
        'preset:created',
        'preset:deleted',
        'preset:created',
        'preset:updated',
        'preset:created',
        'preset:created',
      ]);
    });
  });

  it('answers 409 to a duplicate name within a model (case-insensitive), not across models', async () => {
    await withApi(async (h) => {
      expect((await create(h, NTP)).status).toBe(201);
      const dup = await create(h, { ...NTP, name: 'NTP Servers', os_model: 'cisco_ios' });
      expect(dup.status).toBe(409);
      expect(dup.body.error).toMatchObject({ code: 'conflict', details: [{ path: 'name' }] });
      expect((await create(h, { ...NTP, os_model: 'arista_eos' })).status).toBe(201);
      const other = await create(h, { ...NTP, name: 'other' });
      const rename = await h
        .http()
        .put(`/api/v1/presets/${other.body.id}`)
        .set('Authorization', h.auth('operator'))
        .send(NTP);
      expect(rename.status).toBe(409);
      const list = await h
        .http()
        .get('/api/v1/presets?os_model=cisco_ios')
        .set('Authorization', h.auth('viewer'));
      expect(list.body.items.map((p: { name: string }) => p.name).sort()).toEqual([
        'ntp servers',
        'other',
      ]);
    });
  });

  it('answers 400 naming the field for a bad preset, 404 for an unknown one, and stores nothing', async () => {
    await withApi(async (h) => {
      for (const [body, path] of [
        [{ ...NTP, os_model: 'windows' }, 'os_model'],
        [{ ...NTP, commands: [] }, 'commands'],
        [{ ...NTP, commands: ['ntp server 1.1.1.1\nreload'] }, 'commands[0]'],
        [{ ...NTP, settings: { strategy: { concurrency: 0 } } }, 'settings.strategy.concurrency'],
        [{ ...NTP, settings: { dry_run: true, save_config: true } }, 'settings.save_config'],
        [{ ...NTP, settings: { targets: ['all'] } }, 'settings'],
        [{ ...NTP, name: '' }, 'name'],
        [{ ...NTP, extra: 1 }, '(body)'],
      ] as const) {
        const res = await create(h, body);
        expect([path, res.status, res.body.error.code]).toEqual([path, 400, 'validation_failed']);
        expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
      }
      const list = await h.http().get('/api/v1/presets').set('Authorization', h.auth('viewer'));
      expect(list.body.items).toEqual([]);
      const badFilter = await h
        .http()
        .get('/api/v1/presets?os_model=windows')
        .set('Authorization', h.auth('viewer'));
      expect(badFilter.status).toBe(400);
      for (const method of ['get', 'delete'] as const) {
        const agent = h.http();
        const res = await agent[method]('/api/v1/presets/nope').set(
          'Authorization',
          h.auth('operator'),
        );
        expect(res.status).toBe(404);
      }
      const put = await h
        .http()
        .put('/api/v1/presets/nope')
        .set('Authorization', h.auth('operator'))
        .send(NTP);
      expect(put.status).toBe(404);
      const text = await h
        .http()
        .post('/api/v1/presets')
        .set('Authorization', h.auth('operator'))
        .set('Content-Type', 'text/plain')
        .send('x');
      expect(text.status).toBe(415);
    });
  });
});
