import { installLeakCheck } from '@fleetpush/testing';
import type { Express } from 'express';
import { withApi } from './__fixtures__/api-harness';
import { API_ROUTES } from './openapi/api-catalogue';

installLeakCheck();

interface Layer {
  readonly route?: { readonly path: string; readonly methods: Record<string, boolean> };
  readonly handle?: { readonly stack?: readonly Layer[] };
}

/** Every `METHOD path` registered in the app, however deep its router is mounted. */
function registeredRoutes(app: Express): string[] {
  const out: string[] = [];
  const walk = (stack: readonly Layer[]): void => {
    for (const layer of stack) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods).filter((m) => m !== '_all'))
          out.push(`${method.toUpperCase()} ${layer.route.path}`);
      } else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
  return [...new Set(out)].sort();
}

type Doc = {
  openapi: string;
  paths: Record<string, Record<string, Record<string, unknown>>>;
  components: { schemas: Record<string, unknown> };
};

describe('GET /api/v1/openapi.json', () => {
  it('serves an OpenAPI 3.1 document without a token, listing every route the app registers', async () => {
    await withApi(async (h) => {
      const res = await h.http().get('/api/v1/openapi.json');
      expect(res.status).toBe(200);
      expect(res.type).toBe('application/json');
      const doc = JSON.parse(res.text) as Doc;
      expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
      const registered = registeredRoutes(h.app);
      expect(registered.length).toBeGreaterThan(30);
      const catalogued = [
        ...new Set(API_ROUTES.map((r) => `${r.method.toUpperCase()} ${r.path}`)),
      ].sort();
      expect(catalogued).toEqual(registered);
      const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
      );
      for (const route of API_ROUTES) {
        const path = `${route.base}${route.path.replace(/:(\w+)/g, '{$1}')}`;
        expect(documented).toContain(`${route.method.toUpperCase()} ${path}`);
      }
    });
  });

  it('describes requests and responses from the zod schemas, roles and errors per operation', async () => {
    await withApi(async (h) => {
      const doc = (await h.http().get('/api/v1/openapi.json')).body as Doc;
      const submit = doc.paths['/api/v1/jobs']!.post! as {
        requestBody: {
          content: {
            'application/json': {
              schema: { properties: Record<string, unknown>; required: string[] };
            };
          };
        };
        responses: Record<string, unknown>;
        parameters: { name: string; in: string }[];
        'x-fleetpush-role': string;
      };
      const body = submit.requestBody.content['application/json'].schema;
      expect(Object.keys(body.properties)).toEqual(
        expect.arrayContaining(['name', 'commands', 'targets', 'strategy']),
      );
      expect(body.required).toEqual(expect.arrayContaining(['name', 'commands', 'targets']));
      expect(submit['x-fleetpush-role']).toBe('operator');
      expect(Object.keys(submit.responses)).toEqual(
        expect.arrayContaining(['201', '400', '401', '403', '409']),
      );
      expect(submit.parameters.map((p) => `${p.in}:${p.name}`)).toEqual([
        'query:start',
        'header:Idempotency-Key',
      ]);
      const control = doc.paths['/api/v1/jobs/{id}/{action}']!.post! as {
        parameters: { name: string; schema: { enum?: string[] } }[];
      };
      expect(control.parameters.find((p) => p.name === 'action')!.schema.enum).toEqual([
        'pause',
        'resume',
        'cancel',
        'terminate',
      ]);
      const audit = doc.paths['/api/v1/audit']!.get! as {
        'x-fleetpush-role': string;
        parameters: { name: string }[];
      };
      expect(audit['x-fleetpush-role']).toBe('admin');
      expect(audit.parameters.map((p) => p.name)).toEqual([
        'since',
        'action',
        'actor',
        'before',
        'limit',
      ]);
      expect(doc.paths['/healthz']!.get!.security).toEqual([]);
      expect(doc.components.schemas.Error).toMatchObject({ type: 'object', required: ['error'] });
      // No secret field is ever part of a response schema.
      const responses = JSON.stringify(
        Object.values(doc.paths).flatMap((ops) => Object.values(ops).map((o) => o.responses)),
      );
      for (const secret of [
        '"password_sealed"',
        '"enable_secret_sealed"',
        '"password":',
        '"secret":',
      ])
        expect([secret, responses.includes(secret)]).toEqual([secret, false]);
    });
  });
});
