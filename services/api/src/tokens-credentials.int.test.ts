import { apiTokenInfoSchema, credentialProfileViewSchema } from '@fleetpush/contracts';
import { installLeakCheck } from '@fleetpush/testing';
import { withApi } from './__fixtures__/api-harness';

installLeakCheck();

describe('token routes', () => {
  it('issues a token that works once shown, lists it without the secret, and revokes it', async () => {
    await withApi(async (h) => {
      const created = await h
        .http()
        .post('/api/v1/tokens')
        .set('Authorization', h.auth('admin'))
        .send({ name: 'ci', role: 'operator' });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ name: 'ci', role: 'operator' });
      const token = created.body.token as string;
      const mine = await h.http().get('/api/v1/devices').set('Authorization', `Bearer ${token}`);
      expect(mine.status).toBe(200);
      const list = await h.http().get('/api/v1/tokens').set('Authorization', h.auth('admin'));
      expect(list.status).toBe(200);
      const ci = list.body.items.find((t: { name: string }) => t.name === 'ci');
      expect(apiTokenInfoSchema.strict().parse(ci).createdBy).toBe('admin');
      expect(list.text).not.toContain(token);
      const revoked = await h
        .http()
        .delete(`/api/v1/tokens/${created.body.id as string}`)
        .set('Authorization', h.auth('admin'));
      expect(revoked.status).toBe(204);
      const after = await h.http().get('/api/v1/devices').set('Authorization', `Bearer ${token}`);
      expect(after.status).toBe(401);
      const again = await h
        .http()
        .delete(`/api/v1/tokens/${created.body.id as string}`)
        .set('Authorization', h.auth('admin'));
      expect(again.status).toBe(404);
    });
  });

  it('refuses a bad token spec with field-level details', async () => {
    await withApi(async (h) => {
      const res = await h
        .http()
        .post('/api/v1/tokens')
        .set('Authorization', h.auth('admin'))
        .send({ name: '', role: 'root', expires_at: '2000-01-01T00:00:00Z' });
      expect(res.status).toBe(400);
      const paths = res.body.error.details.map((d: { path: string }) => d.path).sort();
      expect(paths).toEqual(['expires_at', 'name', 'role']);
    });
  });
});

describe('credential routes', () => {
  it('stores a profile sealed, never returns a secret, refuses a duplicate and deletes it', async () => {
    await withApi(async (h) => {
      const body = {
        name: 'lab',
        username: 'netops',
        password: 'credential-password-marker',
        enable_secret: 'credential-enable-marker',
      };
      const created = await h
        .http()
        .post('/api/v1/credentials')
        .set('Authorization', h.auth('admin'))
        .send(body);
      expect(created.status).toBe(201);
      expect(credentialProfileViewSchema.strict().parse(created.body)).toMatchObject({
        has_password: true,
        has_enable_secret: true,
        has_private_key: false,
      });
      const stored = await h.redis.redis.hget(h.deps.keys.credentials, 'lab');
      expect(stored).not.toContain('marker');
      const dup = await h
        .http()
        .post('/api/v1/credentials')
        .set('Authorization', h.auth('admin'))
        .send(body);
      expect(dup.status).toBe(409);
      expect(dup.body.error.code).toBe('conflict');
      const list = await h.http().get('/api/v1/credentials').set('Authorization', h.auth('admin'));
      const one = await h
        .http()
        .get('/api/v1/credentials/lab')
        .set('Authorization', h.auth('admin'));
      for (const res of [created, dup, list, one]) expect(res.text).not.toContain('marker');
      expect(list.body.items).toHaveLength(1);
      expect(one.body.username).toBe('netops');
      const del = await h
        .http()
        .delete('/api/v1/credentials/lab')
        .set('Authorization', h.auth('admin'));
      expect(del.status).toBe(204);
      const gone = await h
        .http()
        .get('/api/v1/credentials/lab')
        .set('Authorization', h.auth('admin'));
      expect(gone.status).toBe(404);
    });
  });

  it('refuses a profile without a password or key, without echoing the values', async () => {
    await withApi(async (h) => {
      const res = await h
        .http()
        .post('/api/v1/credentials')
        .set('Authorization', h.auth('admin'))
        .send({ name: 'lab', username: 'x', passphrase: 'lonely-passphrase-marker' });
      expect(res.status).toBe(400);
      expect(res.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
        'passphrase',
        'password',
      ]);
      expect(res.text).not.toContain('marker');
    });
  });
});
