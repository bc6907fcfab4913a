import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { installLeakCheck } from '@fleetpush/testing';
import { withApi } from './__fixtures__/api-harness';

installLeakCheck();

/** A built UI stand-in: an index page and one hashed asset. */
function fakeWebRoot(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'fleetpush-web-'));
  mkdirSync(path.join(root, 'assets'));
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>fleetpush</title>');
  writeFileSync(path.join(root, 'assets', 'index-abc123.js'), 'console.log(1)');
  return root;
}

describe('the web UI served by the API', () => {
  let root: string;
  beforeAll(() => {
    root = fakeWebRoot();
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('serves index.html at / and for any page path, never cached, with a strict CSP', () =>
    withApi(
      async (h) => {
        for (const url of ['/', '/jobs/abc/detail', '/devices']) {
          const page = await h.http().get(url);
          expect(page.status).toBe(200);
          expect(page.text).toContain('<title>fleetpush</title>');
          expect(page.headers['cache-control']).toBe('no-cache');
        }
        const csp = (await h.http().get('/')).headers['content-security-policy'] as string;
        expect(csp).toContain("default-src 'self'");
        expect(csp).toContain("connect-src 'self'");
        expect(csp).toContain("frame-ancestors 'none'");
        // Plain-http internal deployments must keep working.
        expect(csp).not.toContain('upgrade-insecure-requests');
      },
      { web: { root } },
    ));

  it('serves hashed assets for a year, and a missing asset is a 404, not the index', () =>
    withApi(
      async (h) => {
        const asset = await h.http().get('/assets/index-abc123.js');
        expect(asset.status).toBe(200);
        expect(asset.headers['cache-control']).toContain('immutable');
        expect((await h.http().get('/assets/missing.js')).status).toBe(404);
      },
      { web: { root } },
    ));

  it('leaves /api to the API: unknown API routes stay JSON 404s, and nothing is served without a UI', async () => {
    await withApi(
      async (h) => {
        const unknown = await h.http().get('/api/v1/nope').set('authorization', h.auth('viewer'));
        expect(unknown.status).toBe(404);
        expect(unknown.body.error.code).toBe('not_found');
      },
      { web: { root } },
    );
    await withApi(async (h) => {
      const page = await h.http().get('/');
      expect(page.status).toBe(404);
      expect(page.body.error.code).toBe('not_found');
    });
  });

  it('tells a signed-in UI where the gateway is and who the token is, and lets the CSP reach it', () =>
    withApi(
      async (h) => {
        const config = await h
          .http()
          .get('/api/v1/ui-config')
          .set('authorization', h.auth('operator'));
        expect(config.status).toBe(200);
        expect(config.body).toEqual({
          gatewayUrl: 'https://events.example.com',
          principal: { name: 'operator', role: 'operator' },
          approvalPolicy: 'none',
        });
        expect((await h.http().get('/api/v1/ui-config')).status).toBe(401);
        const csp = (await h.http().get('/')).headers['content-security-policy'] as string;
        expect(csp).toContain(
          "connect-src 'self' https://events.example.com wss://events.example.com",
        );
      },
      { web: { root, gatewayUrl: 'https://events.example.com' } },
    ));
});
