import { installLeakCheck } from '@fleetpush/testing';
import { withApi, type ApiHarness } from './__fixtures__/api-harness';

installLeakCheck();

const ALLOWED = 'https://ops.example.com';
const OTHER = 'https://evil.example.net';

function preflight(h: ApiHarness, origin: string) {
  return h
    .http()
    .options('/api/v1/jobs')
    .set('Origin', origin)
    .set('Access-Control-Request-Method', 'POST')
    .set('Access-Control-Request-Headers', 'authorization, content-type, idempotency-key');
}

describe('CORS on /api/v1 (FLEETPUSH_CORS_ORIGINS)', () => {
  it("answers an allowed origin's preflight without a token, and its requests with its origin", () =>
    withApi(
      async (h) => {
        const pre = await preflight(h, ALLOWED);
        expect(pre.status).toBe(204);
        expect(pre.headers['access-control-allow-origin']).toBe(ALLOWED);
        expect(pre.headers['access-control-allow-methods']).toContain('POST');
        const allowedHeaders = String(pre.headers['access-control-allow-headers']).toLowerCase();
        for (const header of ['authorization', 'content-type', 'idempotency-key']) {
          expect(allowedHeaders).toContain(header);
        }
        const list = await h
          .http()
          .get('/api/v1/devices')
          .set('Origin', ALLOWED)
          .set('Authorization', h.auth('viewer'));
        expect(list.status).toBe(200);
        expect(list.headers['access-control-allow-origin']).toBe(ALLOWED);
        expect(list.headers['access-control-expose-headers']).toContain('X-Request-Id');
        expect(list.headers.vary).toContain('Origin');
        // An error answer carries the header too, so a page can read the error body.
        const denied = await h.http().get('/api/v1/devices').set('Origin', ALLOWED);
        expect(denied.status).toBe(401);
        expect(denied.headers['access-control-allow-origin']).toBe(ALLOWED);
      },
      { corsOrigins: [ALLOWED] },
    ));

  it('gives another origin no CORS header, on a preflight or a request', () =>
    withApi(
      async (h) => {
        const pre = await preflight(h, OTHER);
        expect(pre.headers['access-control-allow-origin']).toBeUndefined();
        expect(pre.headers['access-control-allow-headers']).toBeUndefined();
        const list = await h
          .http()
          .get('/api/v1/devices')
          .set('Origin', OTHER)
          .set('Authorization', h.auth('viewer'));
        expect(list.status).toBe(200);
        expect(list.headers['access-control-allow-origin']).toBeUndefined();
      },
      { corsOrigins: [ALLOWED] },
    ));

  it('allows no cross origin at all with an empty list (never a wildcard)', () =>
    withApi(async (h) => {
      for (const origin of [ALLOWED, OTHER, 'null']) {
        const pre = await preflight(h, origin);
        expect(pre.headers['access-control-allow-origin']).toBeUndefined();
        const list = await h
          .http()
          .get('/api/v1/devices')
          .set('Origin', origin)
          .set('Authorization', h.auth('viewer'));
        expect(list.status).toBe(200);
        expect(list.headers['access-control-allow-origin']).toBeUndefined();
      }
      // A request without Origin (same origin, curl, the CLI) is unaffected.
      const plain = await h.http().get('/api/v1/devices').set('Authorization', h.auth('viewer'));
      expect(plain.status).toBe(200);
    }));
});
