import { apiErrorSchema } from '@fleetpush/contracts';
import { InventoryStore } from '@fleetpush/store';
import { installLeakCheck } from '@fleetpush/testing';
import { ADMIN_TOKEN, withApi } from './__fixtures__/api-harness';

installLeakCheck();

/** An inventory whose every read fails, to reach the last-resort error handler. */
class BrokenInventory extends InventoryStore {
  override list(): never {
    throw new Error('disk on fire at /var/lib/secret-path');
  }
}

describe('the API shell', () => {
  it('answers unknown routes with a JSON 404, authenticated or not', async () => {
    await withApi(async (h) => {
      const outside = await h.http().get('/nope');
      expect(outside.status).toBe(404);
      expect(apiErrorSchema.parse(outside.body).error.code).toBe('not_found');
      const inside = await h.http().get('/api/v1/nope').set('Authorization', h.auth('admin'));
      expect(inside.status).toBe(404);
      expect(inside.body.error.code).toBe('not_found');
    });
  });

  it('gives every response a request id, keeping a safe one the caller sent', async () => {
    await withApi(async (h) => {
      const mine = await h.http().get('/nope').set('X-Request-Id', 'abc-123');
      expect(mine.headers['x-request-id']).toBe('abc-123');
      const unsafe = await h.http().get('/nope').set('X-Request-Id', 'a b\tc');
      expect(unsafe.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  it('sets helmet headers and no x-powered-by', async () => {
    await withApi(async (h) => {
      const res = await h.http().get('/api/v1/devices').set('Authorization', h.auth('viewer'));
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toBeDefined();
      expect(res.headers['x-powered-by']).toBeUndefined();
    });
  });

  it('answers malformed JSON with 400 invalid_json and a non-JSON body with 415', async () => {
    await withApi(async (h) => {
      const bad = await h
        .http()
        .post('/api/v1/jobs')
        .set('Authorization', h.auth('operator'))
        .set('Content-Type', 'application/json')
        .send('{"name": ');
      expect(bad.status).toBe(400);
      expect(bad.body.error.code).toBe('invalid_json');
      const form = await h
        .http()
        .post('/api/v1/jobs')
        .set('Authorization', h.auth('operator'))
        .type('form')
        .send('name=x');
      expect(form.status).toBe(415);
      expect(form.body.error.code).toBe('unsupported_media_type');
    });
  });

  it('answers a JSON body past the limit with 413', async () => {
    await withApi(
      async (h) => {
        const res = await h
          .http()
          .post('/api/v1/jobs')
          .set('Authorization', h.auth('operator'))
          .send({ name: 'x'.repeat(2_000) });
        expect(res.status).toBe(413);
        expect(res.body.error.code).toBe('payload_too_large');
      },
      { limits: { jsonBytes: 1_000, submissionsPerMinute: 1_000, authFailuresPerMinute: 1_000 } },
    );
  });

  it('turns an unexpected failure into a 500 internal_error without details, and logs it', async () => {
    await withApi(
      async (h) => {
        const res = await h.http().get('/api/v1/devices').set('Authorization', h.auth('viewer'));
        expect(res.status).toBe(500);
        expect(res.body).toEqual({ error: { code: 'internal_error', message: 'internal error' } });
        expect(res.text).not.toContain('disk on fire');
        expect(res.text).not.toContain('.ts');
        expect(h.logs.join('')).toContain('disk on fire');
      },
      (base) => ({ inventory: new BrokenInventory(base.redis, base.keys) }),
    );
  });

  it('accepts the bootstrap admin token', async () => {
    await withApi(async (h) => {
      const res = await h
        .http()
        .get('/api/v1/tokens')
        .set('Authorization', `Bearer ${ADMIN_TOKEN}`);
      expect(res.status).toBe(200);
      expect(res.body.items.map((t: { name: string }) => t.name).sort()).toEqual([
        'admin',
        'operator',
        'viewer',
      ]);
    });
  });
});
