import { ROLES, roleAllows, type Role } from '@fleetpush/contracts';
import { installLeakCheck } from '@fleetpush/testing';
import type { Test } from 'supertest';
import { csvOf, deviceRow, withApi, type ApiHarness } from './__fixtures__/api-harness';

installLeakCheck();

/** One route, the least role it needs, and how to send it. */
interface RouteCase {
  readonly method: 'get' | 'post' | 'put' | 'delete';
  readonly path: string;
  readonly role: Role;
  readonly csv?: string;
  readonly json?: object;
}

const DEVICE = encodeURIComponent('10.0.0.1:22');
const PRESET = { name: 'p', os_model: 'cisco_ios', commands: ['ntp server 10.0.0.1'] };

function routes(jobId: string): RouteCase[] {
  const job = `/api/v1/jobs/${jobId}`;
  return [
    { method: 'get', path: '/api/v1/devices', role: 'viewer' },
    { method: 'get', path: '/api/v1/devices/export.csv', role: 'viewer' },
    { method: 'get', path: `/api/v1/devices/${DEVICE}`, role: 'viewer' },
    {
      method: 'post',
      path: '/api/v1/devices/import?mode=merge',
      role: 'operator',
      csv: csvOf([deviceRow('10.0.0.5')]),
    },
    {
      method: 'delete',
      path: `/api/v1/devices/${encodeURIComponent('10.0.0.5:22')}`,
      role: 'operator',
    },
    { method: 'get', path: '/api/v1/tokens', role: 'admin' },
    { method: 'post', path: '/api/v1/tokens', role: 'admin', json: { name: 'm', role: 'viewer' } },
    { method: 'delete', path: '/api/v1/tokens/tok_missing', role: 'admin' },
    { method: 'get', path: '/api/v1/credentials', role: 'admin' },
    { method: 'get', path: '/api/v1/credentials/lab', role: 'admin' },
    {
      method: 'post',
      path: '/api/v1/credentials',
      role: 'admin',
      json: { name: 'lab2', username: 'u', password: 'p' },
    },
    { method: 'delete', path: '/api/v1/credentials/lab2', role: 'admin' },
    { method: 'get', path: '/api/v1/jobs', role: 'viewer' },
    { method: 'get', path: job, role: 'viewer' },
    { method: 'get', path: `${job}/events?since=0`, role: 'viewer' },
    { method: 'get', path: `${job}/result`, role: 'viewer' },
    { method: 'get', path: `${job}/devices/${DEVICE}`, role: 'viewer' },
    {
      method: 'post',
      path: '/api/v1/jobs',
      role: 'operator',
      json: { name: 'j', commands: ['ntp server 1.1.1.1'], targets: ['10.0.0.1:22'] },
    },
    { method: 'post', path: `${job}/pause`, role: 'operator' },
    { method: 'post', path: `${job}/resume`, role: 'operator' },
    { method: 'get', path: '/api/v1/jobs?status=running&text=j', role: 'viewer' },
    { method: 'get', path: '/api/v1/jobs/active', role: 'viewer' },
    {
      method: 'post',
      path: '/api/v1/jobs/preview',
      role: 'operator',
      json: { name: 'j', commands: ['ntp server 1.1.1.1'], targets: ['10.0.0.1:22'] },
    },
    { method: 'post', path: `${job}/run?wait=0`, role: 'operator' },
    { method: 'post', path: `${job}/rerun`, role: 'operator', json: {} },
    { method: 'post', path: `${job}/undo`, role: 'operator', json: {} },
    { method: 'get', path: '/api/v1/audit', role: 'admin' },
    { method: 'get', path: '/api/v1/presets?os_model=cisco_ios', role: 'viewer' },
    { method: 'get', path: '/api/v1/presets/missing', role: 'viewer' },
    { method: 'post', path: '/api/v1/presets', role: 'operator', json: PRESET },
    { method: 'put', path: '/api/v1/presets/missing', role: 'operator', json: PRESET },
    { method: 'delete', path: '/api/v1/presets/missing', role: 'operator' },
    {
      method: 'post',
      path: '/api/v1/commands/exec',
      role: 'operator',
      json: { device: '10.0.0.9:22', commands: ['show version'] },
    },
  ];
}

function send(h: ApiHarness, route: RouteCase, authorization?: string): Test {
  let req = h.http()[route.method](route.path);
  if (authorization !== undefined) req = req.set('Authorization', authorization);
  if (route.csv !== undefined) return req.set('Content-Type', 'text/csv').send(route.csv);
  return route.json !== undefined ? req.send(route.json) : req;
}

/** What a refused request may say: an error code and message, and nothing of the data. */
function expectNoData(res: { body: unknown; text: string }, jobId: string): void {
  expect(Object.keys(res.body as object)).toEqual(['error']);
  expect(res.text).not.toContain('10.0.0.1');
  expect(res.text).not.toContain(jobId);
  expect(res.text).not.toContain('netops');
}

async function setUp(h: ApiHarness): Promise<string> {
  const imported = await send(
    h,
    {
      method: 'post',
      path: '/api/v1/devices/import',
      role: 'operator',
      csv: csvOf([deviceRow('10.0.0.1')]),
    },
    h.auth('operator'),
  );
  expect(imported.status).toBe(200);
  const cred = await send(
    h,
    {
      method: 'post',
      path: '/api/v1/credentials',
      role: 'admin',
      json: { name: 'lab', username: 'netops', password: 'p' },
    },
    h.auth('admin'),
  );
  expect(cred.status).toBe(201);
  const job = await send(h, routes('x')[17]!, h.auth('operator'));
  expect(job.status).toBe(201);
  return job.body.job.id as string;
}

describe('route × role matrix', () => {
  it('answers 401 without or with a bad token, 403 below the role, never any data; lets the role through', async () => {
    await withApi(async (h) => {
      const jobId = await setUp(h);
      for (const route of routes(jobId)) {
        const label = `${route.method.toUpperCase()} ${route.path}`;
        for (const authorization of [
          undefined,
          'Bearer fpt_not-a-token',
          `Basic ${h.tokens.admin}`,
          h.tokens.admin,
        ]) {
          const res = await send(h, route, authorization);
          expect([label, authorization, res.status]).toEqual([label, authorization, 401]);
          expect(res.body.error.code).toBe('unauthorized');
          expectNoData(res, jobId);
        }
        for (const role of ROLES.filter((r) => !roleAllows(r, route.role))) {
          const res = await send(h, route, h.auth(role));
          expect([label, role, res.status]).toEqual([label, role, 403]);
          expect(res.body.error.code).toBe('forbidden');
          expectNoData(res, jobId);
        }
        for (const role of ROLES.filter((r) => roleAllows(r, route.role))) {
          const res = await send(h, route, h.auth(role));
          expect([
            label,
            role,
            res.status < 300 || res.status === 404 || res.status === 409,
          ]).toEqual([label, role, true]);
        }
      }
    });
  });

  it('answers 429 to an address past its failed authentications, and counts no success', async () => {
    await withApi(
      async (h) => {
        for (let i = 0; i < 5; i++) {
          const ok = await h.http().get('/api/v1/jobs').set('Authorization', h.auth('viewer'));
          expect(ok.status).toBe(200);
        }
        for (let i = 0; i < 3; i++) {
          expect((await h.http().get('/api/v1/jobs')).status).toBe(401);
        }
        const limited = await h.http().get('/api/v1/jobs').set('Authorization', h.auth('viewer'));
        expect(limited.status).toBe(429);
        expect(limited.body.error.code).toBe('rate_limited');
        expect(Object.keys(limited.body)).toEqual(['error']);
      },
      (base) => ({ limits: { ...base.limits, authFailuresPerMinute: 3 } }),
    );
  });
});
