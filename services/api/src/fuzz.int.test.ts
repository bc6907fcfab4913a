import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import {
  apiErrorSchema,
  controlRequestSchema,
  credentialProfileInputSchema,
  jobSubmissionSchema,
} from '@fleetpush/contracts';
import { installLeakCheck } from '@fleetpush/testing';
import fc from 'fast-check';
import type { z } from 'zod';
import { csvOf, deviceRow, withApi, type ApiHarness } from './__fixtures__/api-harness';
import { createTokenSchema } from './routes/token-routes';

installLeakCheck();

/** Generated requests across every route (bodies, path parameters, query strings). */
const ROUTE_RUNS = 10_000;
/**
 * Requests sent at once: each property run is a batch of independent requests, so that the
 * 2-core machine answers 10,000 in under a minute at a load average of 10 (one at a time: 70-150 s).
 */
const BATCH = 25;
/** Generated CSV files; they hold ≥ 10,000 rows together (counted and asserted). */
const CSV_RUNS = 1_500;
const MIN_CSV_ROWS = 10_000;

/** One generated request. */
interface Case {
  readonly method: 'GET' | 'POST' | 'DELETE';
  readonly path: string;
  readonly body?: string;
  readonly contentType?: string;
  /** The statuses a correct API may answer; undefined = any non-5xx. */
  readonly expected?: readonly number[];
}

/** Seeds of a test API: a device, a job and a credential profile that fuzzed paths may hit. */
interface Seeds {
  readonly jobId: string;
  readonly deviceKey: string;
  readonly credential: string;
}

// ---------------------------------------------------------------------------------------------
// Value generators

/**
 * Any code point but lone surrogates (which no URL can carry), control characters included.
 * Built from integers: `fc.string({ unit: 'binary' })` rebuilt a million-entry map on every
 * shrink check (profiled: a third of the run's CPU).
 */
const anyCodePoints = fc
  .array(fc.integer({ min: 0, max: 0x10ffff }), { maxLength: 20 })
  .map((points) =>
    String.fromCodePoint(...points.map((p) => (p >= 0xd800 && p <= 0xdfff ? p + 0x800 : p))),
  );
const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  anyCodePoints,
  fc.constantFrom('', ' ', 'a\nb', '{{x}}', '10.0.0.1:22', 'all', '__proto__', 'constructor'),
);
const loose = fc.oneof(
  text,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(text, { maxLength: 3 }),
  fc.jsonValue({ maxDepth: 2 }),
);

/** A path segment: any text percent-encoded, or raw oddities (bad escapes, dots, long). */
const segment = fc.oneof(
  text.map(encodeURIComponent),
  fc.constantFrom('%', '%E0%A4%A', '%ZZ', '%00', '..', '.', '%2F', '%2e%2e', 'a'.repeat(3000)),
  fc.constantFrom('10.0.0.1:22', '[::1]:22', '%5B%3A%3A1%5D%3A22', 'nope', '0'),
);
const queryValue = fc.oneof(text, fc.integer().map(String), fc.constantFrom('-1', '1e9', 'NaN'));
const queryKey = fc.oneof(
  fc.constantFrom('offset', 'limit', 'since', 'tag', 'device_type', 'prod', 'text', 'mode'),
  fc.constantFrom('partial', 'validate', '__proto__', 'constructor', 'limit[]', 'a[b]'),
  text,
);
/** A query string: known and unknown keys, repeated keys (arrays), raw bad escapes. */
const queryString = fc.oneof(
  fc.constant(''),
  fc
    .array(fc.tuple(queryKey, queryValue), { maxLength: 4 })
    .map((pairs) =>
      pairs.length === 0
        ? ''
        : `?${pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}`,
    ),
  fc.constantFrom('?limit=%', '?offset=%E0%A4%A', '?&&=&', '?limit=1&limit=2', '?since=1.5'),
);

// ---------------------------------------------------------------------------------------------
// JSON bodies with an exact oracle (the valid body's status, else 400 with details)

/** A JSON route, the schema its body must match, and what a valid body gets. */
interface Target {
  readonly path: string;
  readonly schema: z.ZodType;
  readonly validStatuses: readonly number[];
}

const TARGETS = {
  // A valid submission targets devices that are not in the inventory: refused by planning.
  jobs: { path: '/api/v1/jobs', schema: jobSubmissionSchema, validStatuses: [201, 400, 403] },
  tokens: { path: '/api/v1/tokens', schema: createTokenSchema, validStatuses: [201] },
  credentials: {
    path: '/api/v1/credentials',
    schema: credentialProfileInputSchema,
    validStatuses: [201, 409],
  },
  control: {
    path: '/api/v1/jobs/no-such-job/pause',
    schema: controlRequestSchema,
    validStatuses: [404],
  },
} satisfies Record<string, Target>;

const jobBody = fc.record(
  {
    name: fc.oneof(text, loose),
    commands: fc.oneof(fc.array(text, { maxLength: 4 }), loose),
    targets: fc.oneof(
      fc.array(fc.oneof(text, fc.constantFrom('all', 'tag:core', 'type:frr')), { maxLength: 3 }),
      loose,
    ),
    strategy: fc.oneof(
      fc.record({ concurrency: fc.oneof(fc.integer(), loose), waves: loose }, { requiredKeys: [] }),
      loose,
    ),
    global_vars: fc.oneof(fc.dictionary(text, text, { maxKeys: 3 }), loose),
    notify_url: fc.oneof(
      fc.webUrl(),
      fc.constantFrom('ftp://x', 'https://u:p@x.example/', 'http://[::1]:80/h'),
      loose,
    ),
    confirm_prod: loose,
    extra: loose,
  },
  { requiredKeys: [] },
);
const tokenBody = fc.record(
  {
    name: fc.oneof(text, loose),
    role: fc.oneof(fc.constantFrom('viewer', 'operator', 'admin', 'root'), loose),
    expires_at: fc.oneof(
      fc.constantFrom('2999-01-01T00:00:00Z', '2000-01-01T00:00:00Z', 'soon'),
      loose,
    ),
  },
  { requiredKeys: [] },
);
const credentialBody = fc.record(
  {
    name: fc.oneof(text, fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/)),
    username: fc.oneof(text, loose),
    password: fc.oneof(text, loose),
    private_key: fc.oneof(text, loose),
    passphrase: fc.oneof(text, loose),
  },
  { requiredKeys: [] },
);
const controlBody = fc.record(
  { reason: fc.oneof(text, fc.string({ minLength: 495, maxLength: 505 }), loose), extra: loose },
  { requiredKeys: [] },
);

function jsonCase(target: Target, body: unknown): Case {
  const valid = body !== null && typeof body === 'object' && target.schema.safeParse(body).success;
  return {
    method: 'POST',
    path: target.path,
    body: JSON.stringify(body),
    contentType: 'application/json',
    expected: valid ? target.validStatuses : [400],
  };
}

const jsonCases = fc
  .oneof(
    fc.tuple(fc.constant(TARGETS.jobs), fc.oneof(jobBody, fc.jsonValue())),
    fc.tuple(fc.constant(TARGETS.tokens), fc.oneof(tokenBody, fc.jsonValue())),
    fc.tuple(fc.constant(TARGETS.credentials), fc.oneof(credentialBody, fc.jsonValue())),
    fc.tuple(fc.constant(TARGETS.control), fc.oneof(controlBody, fc.jsonValue())),
  )
  .map(([target, body]) => jsonCase(target, body));

// ---------------------------------------------------------------------------------------------
// Every route with fuzzed path parameters, query strings and bodies (oracle: never 5xx)

function routeCases(seeds: Seeds): fc.Arbitrary<Case> {
  const jobId = fc.oneof(fc.constant(seeds.jobId), segment);
  const key = fc.oneof(fc.constant(encodeURIComponent(seeds.deviceKey)), segment);
  const name = fc.oneof(fc.constant(seeds.credential), segment);
  const action = fc.oneof(fc.constantFrom('pause', 'resume', 'cancel', 'terminate'), segment);
  const get = (path: fc.Arbitrary<string>): fc.Arbitrary<Case> =>
    fc.tuple(path, queryString).map(([p, q]) => ({ method: 'GET', path: `/api/v1${p}${q}` }));
  const del = (path: fc.Arbitrary<string>): fc.Arbitrary<Case> =>
    path.map((p) => ({ method: 'DELETE', path: `/api/v1${p}` }));
  return fc.oneof(
    get(fc.constant('/devices')),
    get(fc.constant('/devices/export.csv')),
    get(key.map((k) => `/devices/${k}`)),
    del(key.map((k) => `/devices/${k}`)),
    get(fc.constant('/jobs')),
    get(jobId.map((id) => `/jobs/${id}`)),
    get(jobId.map((id) => `/jobs/${id}/events`)),
    get(jobId.map((id) => `/jobs/${id}/result`)),
    get(fc.tuple(jobId, key).map(([id, k]) => `/jobs/${id}/devices/${k}`)),
    get(fc.constant('/tokens')),
    del(segment.map((id) => `/tokens/${id}`)),
    get(fc.constant('/credentials')),
    get(name.map((n) => `/credentials/${n}`)),
    del(segment.map((n) => `/credentials/${n}`)),
    get(fc.array(segment, { minLength: 1, maxLength: 3 }).map((s) => `/${s.join('/')}`)),
    fc
      .tuple(jobId, action, queryString, fc.oneof(controlBody, fc.jsonValue()))
      .map(([id, a, q, body]) => ({
        method: 'POST' as const,
        path: `/api/v1/jobs/${id}/${a}${q}`,
        body: JSON.stringify(body),
        contentType: 'application/json',
      })),
    fc
      .tuple(
        fc.constantFrom('/jobs', '/tokens', '/credentials', '/jobs/x/pause'),
        fc.oneof(text, fc.constantFrom('{', '{"a":', '[1,', '\u0000', 'null')),
        fc.constantFrom('application/json', 'text/plain', 'application/json; charset=latin9'),
      )
      .map(([path, body, contentType]) => ({
        method: 'POST' as const,
        path: `/api/v1${path}`,
        body,
        contentType,
      })),
  );
}

// ---------------------------------------------------------------------------------------------
// Sending and judging

async function listen(h: ApiHarness): Promise<{ server: Server; base: string }> {
  const server = h.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}

/** Sends a case over a keep-alive connection; the status and the parsed body (text if not JSON). */
async function send(
  base: string,
  auth: string,
  c: Case,
  accept = 'application/json',
): Promise<{ status: number; body: unknown; text: string }> {
  const headers: Record<string, string> = { Authorization: auth, Accept: accept };
  if (c.contentType) headers['Content-Type'] = c.contentType;
  const res = await fetch(`${base}${c.path}`, { method: c.method, headers, body: c.body });
  const text = await res.text();
  const json = (res.headers.get('content-type') ?? '').startsWith('application/json');
  return { status: res.status, body: json ? (JSON.parse(text) as unknown) : text, text };
}

/** A 4xx must be `{error:{code,message,details}}`; a 400 must name what is at fault. */
function expectWellFormedError(status: number, body: unknown, where: string): void {
  const parsed = apiErrorSchema.safeParse(body);
  expect([where, parsed.success]).toEqual([where, true]);
  if (status === 400 && parsed.success) {
    expect([where, (parsed.data.error.details?.length ?? 0) > 0]).toEqual([where, true]);
  }
}

/** Counts unhandled rejections while `fn` runs. */
async function countingUnhandled(fn: () => Promise<void>): Promise<number> {
  let unhandled = 0;
  const onUnhandled = (): void => {
    unhandled += 1;
  };
  process.on('unhandledRejection', onUnhandled);
  try {
    await fn();
  } finally {
    process.off('unhandledRejection', onUnhandled);
  }
  return unhandled;
}

async function seed(h: ApiHarness, base: string): Promise<Seeds> {
  const auth = h.auth('admin');
  const csv = csvOf([deviceRow('10.0.0.1'), deviceRow('10.0.0.2'), deviceRow('10.0.0.3')]);
  const imported = await send(base, auth, {
    method: 'POST',
    path: '/api/v1/devices/import',
    body: csv,
    contentType: 'text/csv',
  });
  expect(imported.status).toBe(200);
  const submitted = await send(base, auth, {
    method: 'POST',
    path: '/api/v1/jobs',
    body: JSON.stringify({ name: 'seed', commands: ['ntp server 10.9.9.9'], targets: ['all'] }),
    contentType: 'application/json',
  });
  expect(submitted.status).toBe(201);
  const profile = { name: 'lab', username: 'netops', password: 'pw-lab' };
  const created = await send(base, auth, {
    method: 'POST',
    path: '/api/v1/credentials',
    body: JSON.stringify(profile),
    contentType: 'application/json',
  });
  expect(created.status).toBe(201);
  const jobId = (submitted.body as { job: { id: string } }).job.id;
  return { jobId, deviceKey: '10.0.0.2:22', credential: 'lab' };
}

describe('fuzzed requests', () => {
  it(`answers ${ROUTE_RUNS} generated requests across every route with 4xx and details (or the valid status), never 5xx`, async () => {
    await withApi(async (h) => {
      const { server, base } = await listen(h);
      const counts = { requests: 0, fiveHundreds: 0 };
      try {
        const seeds = await seed(h, base);
        const cases = fc.oneof(jsonCases, routeCases(seeds));
        const batches = fc.array(cases, { minLength: BATCH, maxLength: BATCH });
        const unhandled = await countingUnhandled(() =>
          fc.assert(
            fc.asyncProperty(batches, async (batch) => {
              const answers = await Promise.all(batch.map((c) => send(base, h.auth('admin'), c)));
              batch.forEach((c, i) => {
                const res = answers[i]!;
                counts.requests += 1;
                const where = `${c.method} ${c.path} → ${res.status} ${res.text.slice(0, 200)}`;
                if (res.status >= 500) counts.fiveHundreds += 1;
                expect([where, res.status < 500]).toEqual([where, true]);
                if (c.expected) {
                  expect([where, c.expected.includes(res.status)]).toEqual([where, true]);
                }
                if (res.status >= 400) expectWellFormedError(res.status, res.body, where);
              });
            }),
            { numRuns: ROUTE_RUNS / BATCH },
          ),
        );
        expect(unhandled).toBe(0);
      } finally {
        await closeServer(server);
      }
      expect(counts).toEqual({ requests: ROUTE_RUNS, fiveHundreds: 0 });
      expect(h.logs.join('')).not.toContain('unhandled API error');
    });
  }, 300_000);
});

// ---------------------------------------------------------------------------------------------
// CSV imports

const COLUMNS = [
  'host',
  'port',
  'device_type',
  'username',
  'password',
  'enable_secret',
  'name',
  'prod',
  'tags',
  'host_vars',
  'credential',
  'verify_cmds',
  'host_key',
];

const header = fc.oneof(
  { weight: 4, arbitrary: fc.constant(['host', 'port', 'device_type', 'username', 'password']) },
  fc.shuffledSubarray(COLUMNS, { minLength: 1 }),
  fc
    .array(fc.oneof(fc.constantFrom(...COLUMNS), text), { minLength: 1, maxLength: 8 })
    .map((cols) => cols.map((c) => c.replace(/[\r\n]/g, ''))),
  fc
    .shuffledSubarray(COLUMNS, { minLength: 3 })
    .map((cols) => cols.map((c, i) => (i % 2 ? ` ${c.toUpperCase()} ` : c))),
);

const cellValue = fc.oneof(
  { weight: 3, arbitrary: fc.ipV4().map(String) },
  fc.ipV6().map((ip) => `[${ip}]`),
  fc.ipV6(),
  fc.domain(),
  fc.integer({ min: -5, max: 70_000 }).map(String),
  fc.constantFrom('22', '830', 'cisco_ios', 'juniper_junos', 'frr', 'linux', 'toaster', ''),
  fc.constantFrom('true', 'false', 'yes', 'core;edge', '{"a":"b"}', '{"a":', '[1]', '=cmd|x'),
  fc.constantFrom('SHA256:abc', 'lab', 'show ver', '"quoted"', 'a,b', 'line\nbreak', '\r'),
  text,
);

/** A CSV cell as written in a file: plain, quoted (doubling quotes), or raw with stray quotes. */
const cellText = fc
  .tuple(cellValue, fc.constantFrom('plain', 'quoted', 'raw'))
  .map(([value, style]) =>
    style === 'quoted'
      ? `"${value.replace(/"/g, '""')}"`
      : style === 'raw'
        ? value
        : value.replace(/[",\r\n]/g, ''),
  );

/** A generated CSV file: header, rows (valid-looking, broken, blank, comments), line endings, BOM. */
const csvFile = fc
  .tuple(
    header,
    fc.array(fc.array(cellText, { minLength: 0, maxLength: 14 }), { minLength: 7, maxLength: 16 }),
    fc.array(fc.nat({ max: 15 }), { minLength: 0, maxLength: 24 }),
    fc.constantFrom('\n', '\r\n', '\r'),
    fc.boolean(),
    fc.constantFrom('', '?partial=true', '?mode=merge', '?mode=merge&partial=true', '?mode=x'),
  )
  .map(([columns, cells, valid, eol, bom, query]) => {
    const rows = cells.map((row, i) =>
      valid.includes(i)
        ? ['10.2.0.' + String(i), '22', 'cisco_ios', 'u', 'p'].join(',')
        : row.join(','),
    );
    const lines = [columns.join(','), ...rows, ...(rows.length % 3 === 0 ? ['', '# comment'] : [])];
    return { csv: `${bom ? '\uFEFF' : ''}${lines.join(eol)}${eol}`, rows: rows.length, query };
  });

describe('fuzzed CSV imports', () => {
  it(`answers ${CSV_RUNS} generated CSV files (≥ ${MIN_CSV_ROWS} rows) with 200 or a 4xx naming the rows, never 5xx`, async () => {
    await withApi(async (h) => {
      const { server, base } = await listen(h);
      const counts = { rows: 0, ok: 0, rejected: 0, streamed: 0, fiveHundreds: 0 };
      try {
        const unhandled = await countingUnhandled(() =>
          fc.assert(
            fc.asyncProperty(csvFile, fc.integer({ min: 0, max: 9 }), async (file, pick) => {
              counts.rows += file.rows;
              const before = (await h.deps.inventory.list({ offset: 0, limit: 1 })).total;
              const c: Case = {
                method: 'POST',
                path: `/api/v1/devices/import${file.query}`,
                body: file.csv,
                contentType: 'text/csv',
              };
              const stream = pick === 0;
              const res = await send(
                base,
                h.auth('operator'),
                c,
                stream ? 'application/x-ndjson' : 'application/json',
              );
              const where = `${file.query} ${JSON.stringify(file.csv.slice(0, 300))} → ${res.status} ${res.text.slice(0, 300)}`;
              if (res.status >= 500) counts.fiveHundreds += 1;
              expect([where, [200, 400].includes(res.status)]).toEqual([where, true]);
              if (stream && res.status === 200) {
                counts.streamed += 1;
                const last = JSON.parse(res.text.trim().split('\n').at(-1) ?? '') as Record<
                  string,
                  unknown
                >;
                expect([where, ['complete', 'error'].includes(String(last.type))]).toEqual([
                  where,
                  true,
                ]);
                if (last.type === 'error') expectWellFormedError(Number(last.status), last, where);
                return;
              }
              if (res.status === 400) {
                counts.rejected += 1;
                expectWellFormedError(400, res.body, where);
                const after = (await h.deps.inventory.list({ offset: 0, limit: 1 })).total;
                expect([where, after]).toEqual([where, before]);
                return;
              }
              counts.ok += 1;
              const body = res.body as { total: number; imported: number; rejected: unknown[] };
              expect([where, body.imported + body.rejected.length]).toEqual([where, body.total]);
            }),
            { numRuns: CSV_RUNS },
          ),
        );
        expect(unhandled).toBe(0);
      } finally {
        await closeServer(server);
      }
      expect(counts.fiveHundreds).toBe(0);
      expect(counts.rows).toBeGreaterThanOrEqual(MIN_CSV_ROWS);
      // Both outcomes were exercised, or the generator drifted into one corner.
      expect(counts.ok).toBeGreaterThan(CSV_RUNS / 20);
      expect(counts.rejected).toBeGreaterThan(CSV_RUNS / 20);
      expect(counts.streamed).toBeGreaterThan(0);
      expect(h.logs.join('')).not.toContain('unhandled API error');
    });
  }, 300_000);
});
