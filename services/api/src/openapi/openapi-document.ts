import { z } from 'zod';
import { API_ROUTES, ERROR_BODY, type ApiRoute, type TextBody } from './api-catalogue';

/** The OpenAPI version the document follows (JSON Schema 2020-12 inside). */
export const OPENAPI_VERSION = '3.1.1';

/** What every error status means, for the document. */
const ERROR_MEANING: Readonly<Record<number, string>> = {
  400: 'invalid input: `details` name each field, row or command at fault; nothing changed',
  401: 'no valid bearer token',
  403: 'the token’s role is below the route’s',
  404: 'no such resource',
  409: 'conflict (a taken name, or the resource’s state forbids it: `invalid_state`)',
  413: 'the body is larger than the limit',
  415: 'unsupported Content-Type',
  429: 'rate limited',
  500: 'internal error (logged with the request id)',
  502: 'the device could not be reached, logged in to or read',
};

type JsonSchema = Record<string, unknown>;

function isTextBody(body: z.ZodType | TextBody): body is TextBody {
  return !(body instanceof z.ZodType);
}

/** A zod schema as JSON Schema (request side: what may be sent; response side: what comes). */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
  return rest;
}

function content(body: z.ZodType | TextBody, io: 'input' | 'output'): object {
  if (isTextBody(body))
    return { [body.mediaType]: { schema: { type: 'string', description: body.description } } };
  return { 'application/json': { schema: jsonSchema(body, io) } };
}

/** `/jobs/:id` → `/jobs/{id}`. */
export function openApiPath(route: Pick<ApiRoute, 'base' | 'path'>): string {
  return `${route.base}${route.path.replace(/:(\w+)/g, '{$1}')}`;
}

function parameters(route: ApiRoute): object[] {
  const path = [...route.path.matchAll(/:(\w+)/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    schema: route.pathValues?.[name!]
      ? { type: 'string', enum: route.pathValues[name!] }
      : { type: 'string' },
  }));
  const query = Object.entries(route.query?.shape ?? {}).map(([name, schema]) => ({
    name,
    in: 'query',
    required: !(schema as z.ZodType).safeParse(undefined).success,
    schema: jsonSchema(schema as z.ZodType, 'input'),
  }));
  const headers = Object.entries(route.headers ?? {}).map(([name, schema]) => ({
    name,
    in: 'header',
    required: false,
    schema: jsonSchema(schema, 'input'),
  }));
  return [...path, ...query, ...headers];
}

function errorStatuses(route: ApiRoute): number[] {
  const auth = route.access === 'public' ? [] : route.access === 'viewer' ? [401] : [401, 403];
  return [...new Set([400, ...auth, ...(route.errors ?? []), 429, 500])].sort((a, b) => a - b);
}

function responses(route: ApiRoute): Record<string, object> {
  const out: Record<string, object> = {};
  for (const [status, body] of Object.entries(route.responses)) {
    out[status] =
      body === null
        ? { description: 'done' }
        : { description: 'success', content: content(body, 'output') };
  }
  for (const status of errorStatuses(route)) {
    out[String(status)] = {
      description: ERROR_MEANING[status] ?? 'error',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    };
  }
  return out;
}

function operation(route: ApiRoute): object {
  return {
    operationId: `${route.method}${openApiPath(route).replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`,
    summary: route.summary,
    'x-fleetpush-role': route.access,
    security: route.access === 'public' ? [] : [{ bearer: [] }],
    parameters: parameters(route),
    ...(route.body !== undefined && {
      requestBody: {
        required: route.bodyOptional !== true,
        content: content(route.body, 'input'),
      },
    }),
    responses: responses(route),
  };
}

/**
 * The OpenAPI 3.1 document of the API, generated from the route catalogue and its zod
 * schemas (`z.toJSONSchema`): every route, parameter, request and response body. Roles are
 * stated per operation (`x-fleetpush-role`); every error is `#/components/schemas/Error`.
 */
export function openApiDocument(routes: readonly ApiRoute[] = API_ROUTES): Record<string, unknown> {
  const paths: Record<string, Record<string, object>> = {};
  for (const route of routes) {
    const path = openApiPath(route);
    paths[path] = { ...paths[path], [route.method]: operation(route) };
  }
  return {
    openapi: OPENAPI_VERSION,
    info: {
      title: 'fleetpush API',
      version: '1',
      description:
        'Pushes configuration to network devices over SSH: canary first, then waves. Every route but the probes and this document needs `Authorization: Bearer <token>`; roles viewer < operator < admin.',
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: { Error: jsonSchema(ERROR_BODY, 'output') },
    },
    paths,
  };
}
