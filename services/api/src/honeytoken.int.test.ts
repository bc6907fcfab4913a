import { randomBytes } from 'node:crypto';
import { installLeakCheck, leakForms } from '@fleetpush/testing';
import { csvOf, deviceRow, withApi, type ApiHarness } from './__fixtures__/api-harness';

installLeakCheck();

/** A unique marker no response could contain by chance. */
function marker(kind: string): string {
  return `honey-${kind}-${randomBytes(8).toString('hex')}`;
}

async function ok(h: ApiHarness, path: string): Promise<string> {
  const res = await h.http().get(path).set('Authorization', h.auth('admin'));
  expect([path, res.status]).toEqual([path, 200]);
  return res.text;
}

describe('honeytokens', () => {
  it('never returns a device or credential secret from any GET route or the export', async () => {
    await withApi(async (h) => {
      const markers: string[] = [];
      const rows = ['10.0.0.1', '10.0.0.2', '2001:db8::7'].map((host) => {
        const password = marker('password');
        const secret = marker('enable');
        markers.push(password, secret);
        return deviceRow(host, { password, secret, tags: 'core' });
      });
      const rejected = deviceRow('10.0.0.3', { password: marker('rejected'), port: 'x' });
      markers.push(rejected.password!);
      const imported = await h
        .http()
        .post('/api/v1/devices/import?partial=true')
        .set('Authorization', h.auth('operator'))
        .set('Content-Type', 'text/csv')
        .send(csvOf([...rows, rejected]));
      expect(imported.status).toBe(200);
      const credential = { password: marker('cred'), enable_secret: marker('credenable') };
      markers.push(credential.password, credential.enable_secret);
      const cred = await h
        .http()
        .post('/api/v1/credentials')
        .set('Authorization', h.auth('admin'))
        .send({ name: 'lab', username: 'netops', ...credential });
      const job = await h
        .http()
        .post('/api/v1/jobs')
        .set('Authorization', h.auth('operator'))
        .send({ name: 'j', commands: ['ntp server 1.1.1.1'], targets: ['all'] });
      expect(job.status).toBe(201);
      const id = job.body.job.id as string;
      const preview = await h
        .http()
        .post('/api/v1/jobs/preview')
        .set('Authorization', h.auth('operator'))
        .send({ name: 'p', commands: ['ntp server {{host}}'], targets: ['all'] });
      expect(preview.status).toBe(200);
      const preset = await h
        .http()
        .post('/api/v1/presets')
        .set('Authorization', h.auth('operator'))
        .send({ name: 'ntp', os_model: 'cisco_ios', commands: ['ntp server 1.1.1.1'] });
      expect(preset.status).toBe(201);
      const bodies = [imported.text, cred.text, job.text, preview.text, preset.text];
      for (const path of [
        '/api/v1/devices',
        '/api/v1/devices?text=core',
        '/api/v1/devices/export.csv',
        `/api/v1/devices/${encodeURIComponent('10.0.0.1:22')}`,
        `/api/v1/devices/${encodeURIComponent('[2001:db8::7]:22')}`,
        '/api/v1/credentials',
        '/api/v1/credentials/lab',
        '/api/v1/tokens',
        '/api/v1/jobs',
        `/api/v1/jobs/${id}`,
        `/api/v1/jobs/${id}/events?since=0`,
        `/api/v1/jobs/${id}/result`,
        `/api/v1/jobs/${id}/devices/${encodeURIComponent('10.0.0.1:22')}`,
        `/api/v1/jobs/${id}/devices/${encodeURIComponent('[2001:db8::7]:22')}`,
        '/api/v1/jobs?status=running&text=j',
        '/api/v1/jobs/active',
        '/api/v1/presets',
        '/api/v1/audit',
        '/api/v1/openapi.json',
      ]) {
        bodies.push(await ok(h, path));
      }
      const all = bodies.join('\n');
      expect(all).toContain('10.0.0.1');
      expect(all).toContain('"has_enable_secret":true');
      const hits = markers.flatMap(leakForms).filter((form) => all.includes(form));
      expect(hits).toEqual([]);
      expect(all).not.toMatch(/_sealed|v1:[A-Za-z0-9+/]{20,}/);
      expect(h.logs.join('')).not.toMatch(/honey-/);
    });
  });
});
