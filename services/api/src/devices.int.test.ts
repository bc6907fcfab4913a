import { deviceViewSchema } from '@fleetpush/contracts';
import { installLeakCheck } from '@fleetpush/testing';
import { csvOf, deviceRow, withApi } from './__fixtures__/api-harness';
import { importCsv } from './__fixtures__/job-helpers';

installLeakCheck();

describe('device routes', () => {
  it('imports a CSV and lists the devices without any secret', async () => {
    await withApi(async (h) => {
      const csv = csvOf([deviceRow('10.0.0.1', { tags: 'core' }), deviceRow('10.0.0.2')]);
      const res = await importCsv(h, csv);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ mode: 'replace', total: 2, imported: 2, rejected: [] });
      const list = await h.http().get('/api/v1/devices').set('Authorization', h.auth('viewer'));
      expect(list.status).toBe(200);
      expect(list.body.total).toBe(2);
      for (const item of list.body.items) {
        expect(deviceViewSchema.strict().parse(item).has_password).toBe(true);
      }
      expect(list.text).not.toContain('pw-10.0.0.1');
      expect(list.text).not.toContain('password_sealed');
    });
  });

  it('refuses a CSV with a bad row as a whole: 400 naming the line, nothing stored', async () => {
    await withApi(async (h) => {
      await importCsv(h, csvOf([deviceRow('10.0.0.9')]));
      const csv = csvOf([deviceRow('10.0.0.1'), deviceRow('10.0.0.2', { port: '99999' })]);
      const res = await importCsv(h, csv);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('import_rejected');
      expect(res.body.error.details).toEqual(
        expect.arrayContaining([expect.objectContaining({ path: 'port', row: 3 })]),
      );
      const list = await h.http().get('/api/v1/devices').set('Authorization', h.auth('viewer'));
      expect(list.body.items.map((d: { key: string }) => d.key)).toEqual(['10.0.0.9:22']);
    });
  });

  it('names both lines of a duplicate device', async () => {
    await withApi(async (h) => {
      const res = await importCsv(h, csvOf([deviceRow('10.0.0.1'), deviceRow('10.0.0.1')]));
      expect(res.status).toBe(400);
      const rows = res.body.error.details.map((d: { row: number }) => d.row);
      expect(rows).toEqual(expect.arrayContaining([2, 3]));
    });
  });

  it('keeps the valid rows with partial=true and returns the rejected ones', async () => {
    await withApi(async (h) => {
      const csv = csvOf([deviceRow('10.0.0.1'), deviceRow('10.0.0.2', { device_type: 'toaster' })]);
      const res = await importCsv(h, csv, '?partial=true');
      expect(res.status).toBe(200);
      expect(res.body.imported).toBe(1);
      expect(res.body.rejected).toEqual([
        expect.objectContaining({
          line: 3,
          row: expect.objectContaining({ password: '[redacted]' }),
        }),
      ]);
      expect(res.text).not.toContain('pw-10.0.0.2');
    });
  });

  it('merges into the inventory with mode=merge and replaces it by default', async () => {
    await withApi(async (h) => {
      await importCsv(h, csvOf([deviceRow('10.0.0.1')]));
      const merged = await importCsv(
        h,
        csvOf([deviceRow('10.0.0.1'), deviceRow('10.0.0.2')]),
        '?mode=merge',
      );
      expect(merged.body).toMatchObject({ created: 1, updated: 1 });
      await importCsv(h, csvOf([deviceRow('10.0.0.3')]));
      const list = await h.http().get('/api/v1/devices').set('Authorization', h.auth('viewer'));
      expect(list.body.items.map((d: { key: string }) => d.key)).toEqual(['10.0.0.3:22']);
    });
  });

  it('answers 413 past the size limit, 415 for a non-CSV body and 400 for a bad mode', async () => {
    await withApi(
      async (h) => {
        const big = csvOf(Array.from({ length: 50 }, (_, i) => deviceRow(`10.0.1.${i}`)));
        expect((await importCsv(h, big)).status).toBe(413);
        const json = await h
          .http()
          .post('/api/v1/devices/import')
          .set('Authorization', h.auth('operator'))
          .send({ host: 'x' });
        expect(json.status).toBe(415);
        const mode = await importCsv(h, csvOf([deviceRow('10.0.0.1')]), '?mode=wipe');
        expect(mode.status).toBe(400);
        expect(mode.body.error.details[0].path).toBe('mode');
      },
      (base) => ({ limits: { ...base.limits, importBytes: 1_000 } }),
    );
  });

  it('filters and pages the list', async () => {
    await withApi(async (h) => {
      const rows = [
        deviceRow('10.0.0.1', { tags: 'core', prod: 'true' }),
        deviceRow('10.0.0.2', { tags: 'edge', device_type: 'arista_eos' }),
        deviceRow('10.0.0.3', { tags: 'core', name: 'spine-3' }),
      ];
      await importCsv(h, csvOf(rows));
      const get = async (q: string): Promise<string[]> => {
        const res = await h
          .http()
          .get(`/api/v1/devices${q}`)
          .set('Authorization', h.auth('viewer'));
        expect(res.status).toBe(200);
        return res.body.items.map((d: { key: string }) => d.key);
      };
      expect(await get('?tag=core')).toEqual(['10.0.0.1:22', '10.0.0.3:22']);
      expect(await get('?device_type=arista_eos')).toEqual(['10.0.0.2:22']);
      expect(await get('?prod=true')).toEqual(['10.0.0.1:22']);
      expect(await get('?text=SPINE')).toEqual(['10.0.0.3:22']);
      expect(await get('?offset=1&limit=1')).toEqual(['10.0.0.2:22']);
      const bad = await h
        .http()
        .get('/api/v1/devices?limit=0')
        .set('Authorization', h.auth('viewer'));
      expect(bad.status).toBe(400);
    });
  });

  it('gets and deletes one device by URL-encoded key, IPv6 included', async () => {
    await withApi(async (h) => {
      await importCsv(h, csvOf([deviceRow('2001:db8::1'), deviceRow('10.0.0.2')]));
      const key = encodeURIComponent('[2001:db8::1]:22');
      const one = await h
        .http()
        .get(`/api/v1/devices/${key}`)
        .set('Authorization', h.auth('viewer'));
      expect(one.status).toBe(200);
      expect(one.body.host).toBe('2001:db8::1');
      const del = await h
        .http()
        .delete(`/api/v1/devices/${key}`)
        .set('Authorization', h.auth('operator'));
      expect(del.status).toBe(204);
      const gone = await h
        .http()
        .get(`/api/v1/devices/${key}`)
        .set('Authorization', h.auth('viewer'));
      expect(gone.status).toBe(404);
      expect(gone.body.error.code).toBe('not_found');
      const again = await h
        .http()
        .delete(`/api/v1/devices/${key}`)
        .set('Authorization', h.auth('operator'));
      expect(again.status).toBe(404);
    });
  });

  it('exports the inventory as CSV without secrets and with formulas neutralised', async () => {
    await withApi(async (h) => {
      await importCsv(h, csvOf([deviceRow('10.0.0.1', { name: "'=cmd()" })]));
      const res = await h
        .http()
        .get('/api/v1/devices/export.csv')
        .set('Authorization', h.auth('viewer'));
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.text).toContain("'=cmd()");
      expect(res.text).not.toContain('pw-10.0.0.1');
      expect(res.text.split('\r\n')[0]).not.toContain('password');
    });
  });
});
