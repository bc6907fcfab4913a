import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import type { Role } from '@fleetpush/contracts';
import { SecretBox } from '@fleetpush/inventory';
import { DeviceTaskQueue } from '@fleetpush/queue';
import { createLogger } from '@fleetpush/runtime';
import {
  CredentialStore,
  EventLog,
  InventoryStore,
  JobReader,
  redisKeys,
  RunCoordinator,
  TokenStore,
} from '@fleetpush/store';
import { withRedis, type TestRedis } from '@fleetpush/testing';
import type { Express } from 'express';
import request from 'supertest';
import type { ApiDeps } from '../api-deps';
import { createApi } from '../create-api';

/** The bootstrap admin token of every test API (32+ characters, as config demands). */
export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef0123';

/** A test API on a fresh Redis prefix, with a token per role. */
export interface ApiHarness {
  readonly app: Express;
  readonly deps: ApiDeps;
  readonly redis: TestRedis;
  /** Bearer tokens by role (stored tokens, not the bootstrap one). */
  readonly tokens: Readonly<Record<Role, string>>;
  /** Log lines the API wrote (JSON). */
  readonly logs: string[];
  /** `Authorization` header value for a role. */
  auth(role: Role): string;
  /** A supertest agent bound to the app. */
  http(): ReturnType<typeof request>;
}

/** A CSV inventory from rows of cells (header: every column any row has). */
export function csvOf(rows: readonly Record<string, string>[]): string {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const lines = rows.map((r) => columns.map((c) => r[c] ?? '').join(','));
  return `${[columns.join(','), ...lines].join('\n')}\n`;
}

/** A valid device row with a password. */
export function deviceRow(
  host: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    host,
    port: '22',
    device_type: 'cisco_ios',
    username: 'netops',
    password: `pw-${host}`,
    prod: 'false',
    ...extra,
  };
}

/** Builds the dependencies of a test API; `overrides` replace any of them. */
export function testDeps(
  ctx: TestRedis,
  logs: string[],
  overrides: Partial<ApiDeps> = {},
): ApiDeps {
  const keys = redisKeys(ctx.prefix);
  const sink = new Writable({
    write: (chunk: Buffer, _enc, done) => {
      logs.push(chunk.toString());
      done();
    },
  });
  return {
    redis: ctx.redis,
    keys,
    inventory: new InventoryStore(ctx.redis, keys),
    credentials: new CredentialStore(ctx.redis, keys),
    tokens: new TokenStore(ctx.redis, keys),
    reader: new JobReader(ctx.redis, keys),
    events: new EventLog(ctx.redis, keys),
    secretBox: new SecretBox(randomBytes(32)),
    coordinator: new RunCoordinator(ctx.redis, keys),
    queue: new DeviceTaskQueue(ctx.redis, ctx.prefix, () => undefined),
    logger: createLogger({ service: 'api-test', level: 'info', destination: sink }),
    adminToken: ADMIN_TOKEN,
    limits: { submissionsPerMinute: 100_000, authFailuresPerMinute: 100_000 },
    ...overrides,
  };
}

/** Runs `fn` with a test API on a fresh Redis prefix, closing everything after. */
export async function withApi<T>(
  fn: (h: ApiHarness) => Promise<T>,
  overrides: Partial<ApiDeps> | ((base: ApiDeps) => Partial<ApiDeps>) = {},
): Promise<T> {
  return withRedis(async (ctx) => {
    const logs: string[] = [];
    const base = testDeps(ctx, logs);
    const deps = { ...base, ...(typeof overrides === 'function' ? overrides(base) : overrides) };
    try {
      const tokens = {
        viewer: (await deps.tokens.create('viewer', 'viewer')).token,
        operator: (await deps.tokens.create('operator', 'operator')).token,
        admin: (await deps.tokens.create('admin', 'admin')).token,
      };
      const app = createApi(deps);
      return await fn({
        app,
        deps,
        redis: ctx,
        tokens,
        logs,
        auth: (role) => `Bearer ${tokens[role]}`,
        http: () => request(app),
      });
    } finally {
      await deps.queue.close();
    }
  });
}
