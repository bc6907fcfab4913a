import { startFleet } from '@fleetpush/device-sim';
import { freePort, installLeakCheck } from '@fleetpush/testing';
import type { Response } from 'superagent';
import { csvOf, deviceRow, withApi, type ApiHarness } from './__fixtures__/api-harness';

installLeakCheck();

/** Collects a streamed body as text (supertest does not buffer unknown media types). */
function text(res: Response, done: (error: Error | null, body: string) => void): void {
  let body = '';
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => (body += chunk));
  res.on('end', () => done(null, body));
}

function importRequest(h: ApiHarness, csv: string, query = '', accept = 'application/x-ndjson') {
  return h
    .http()
    .post(`/api/v1/devices/import${query}`)
    .set('Authorization', h.auth('operator'))
    .set('Content-Type', 'text/csv')
    .set('Accept', accept)
    .buffer(true)
    .parse(text)
    .send(csv);
}

/** The JSON answer of importing these rows (`query` picks the mode). */
async function importedJson(
  h: ApiHarness,
  devices: Record<string, string>[],
  query = '',
): Promise<unknown> {
  const res = await importRequest(h, csvOf(devices), query, 'application/json');
  return JSON.parse(res.body as string);
}

/** The lines of an NDJSON answer, parsed. */
async function streamed(
  h: ApiHarness,
  csv: string,
  query = '',
): Promise<{ status: number; type: string; lines: Record<string, unknown>[] }> {
  const res = await importRequest(h, csv, query);
  const body = res.body as string;
  expect(body.endsWith('\n')).toBe(true);
  const lines = body
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { status: res.status, type: res.type, lines };
}

function rows(count: number): Record<string, string>[] {
  return Array.from({ length: count }, (_, i) => deviceRow(`10.1.${i >> 8}.${i & 255}`));
}

async function inventoryKeys(h: ApiHarness): Promise<string[]> {
  return (await h.deps.inventory.all()).map((d) => d.key).sort();
}

describe('POST /devices/import with Accept: application/x-ndjson', () => {
  it('streams start, progress every 1,000 rows and a complete line equal to the JSON answer', async () => {
    await withApi(async (h) => {
      const csv = csvOf(rows(2_500));
      const { status, type, lines } = await streamed(h, csv, '?mode=merge');
      expect([status, type]).toEqual([200, 'application/x-ndjson']);
      expect(lines[0]).toEqual({ type: 'start', mode: 'merge', partial: false, validate: 'none' });
      expect(lines.slice(1, -1)).toEqual(
        [1_000, 2_000, 2_500].map((n) => ({ type: 'progress', phase: 'parse', rows: n })),
      );
      const { type: last, ...complete } = lines.at(-1) ?? {};
      expect(last).toBe('complete');
      expect(complete).toMatchObject({
        mode: 'merge',
        total: 2_500,
        imported: 2_500,
        created: 2_500,
      });
      expect(await h.deps.inventory.all()).toHaveLength(2_500);
      const json = await importRequest(h, csv, '?mode=merge', 'application/json');
      expect(json.status).toBe(200);
      expect(JSON.parse(json.body as string)).toEqual({ ...complete, created: 0, updated: 2_500 });
      expect(lines.map((l) => JSON.stringify(l)).join('')).not.toContain('pw-10.1.');
    });
  });

  it('says what a replace did: devices new, kept and removed (in the inventory, not in the file)', async () => {
    await withApi(async (h) => {
      const [a, b, c, d] = ['10.2.0.1', '10.2.0.2', '10.2.0.3', '10.2.0.4'].map((host) =>
        deviceRow(host),
      );
      expect(await importedJson(h, [a!, b!, c!])).toMatchObject({
        mode: 'replace',
        created: 3,
        updated: 0,
        removed: 0,
      });
      expect(await importedJson(h, [b!, c!, d!])).toMatchObject({
        mode: 'replace',
        imported: 3,
        created: 1,
        updated: 2,
        removed: 1,
      });
      expect(await inventoryKeys(h)).toEqual(['10.2.0.2:22', '10.2.0.3:22', '10.2.0.4:22']);
      expect(await importedJson(h, [a!], '?mode=merge')).toMatchObject({
        created: 1,
        removed: 0,
      });
    });
  });

  it('ends with an error line naming the rejected row, and stores nothing', async () => {
    await withApi(async (h) => {
      await importRequest(h, csvOf([deviceRow('10.9.9.9')]), '', 'application/json');
      const csv = csvOf([...rows(3), deviceRow('10.0.0.1', { port: '70000' })]);
      const { status, lines } = await streamed(h, csv);
      expect(status).toBe(200);
      expect(lines.map((l) => l.type)).toEqual(['start', 'progress', 'error']);
      expect(lines.at(-1)).toEqual({
        type: 'error',
        status: 400,
        error: {
          code: 'import_rejected',
          message: '1 row(s) rejected; nothing was stored',
          details: [expect.objectContaining({ path: 'port', row: 5 })],
        },
      });
      expect(await inventoryKeys(h)).toEqual(['10.9.9.9:22']);
    });
  });

  it('keeps the partial semantics: valid rows stored, rejected rows in the complete line', async () => {
    await withApi(async (h) => {
      const csv = csvOf([deviceRow('10.0.0.1'), deviceRow('10.0.0.2', { device_type: 'toaster' })]);
      const { lines } = await streamed(h, csv, '?partial=true');
      expect(lines.at(-1)).toMatchObject({
        type: 'complete',
        imported: 1,
        rejected: [expect.objectContaining({ line: 3 })],
      });
      expect(JSON.stringify(lines)).not.toContain('pw-10.0.0.2');
      expect(await inventoryKeys(h)).toEqual(['10.0.0.1:22']);
    });
  });

  it('answers a declared body past the limit and a bad query with plain 4xx, before streaming', async () => {
    await withApi(
      async (h) => {
        const big = await importRequest(h, csvOf(rows(50)));
        expect([big.status, big.type]).toEqual([413, 'application/json']);
        expect(JSON.parse(big.body as string).error.code).toBe('payload_too_large');
        const bad = await importRequest(h, csvOf(rows(1)), '?validate=ping');
        expect(bad.status).toBe(400);
        expect(JSON.parse(bad.body as string).error.details).toEqual([
          expect.objectContaining({ path: 'validate' }),
        ]);
        expect(await inventoryKeys(h)).toEqual([]);
      },
      (base) => ({ limits: { ...base.limits, importBytes: 1_000 } }),
    );
  });
});

describe('import edge cases found by the fuzz', () => {
  it('answers a CSV whose header is refused in full (the request body is not cut under the answer)', async () => {
    await withApi(async (h) => {
      for (const accept of ['application/json', 'application/x-ndjson']) {
        const res = await importRequest(h, 'verify_cmds\n\n', '', accept);
        expect(res.status).toBe(accept === 'application/json' ? 400 : 200);
        expect(res.body as string).toContain('import_rejected');
      }
    });
  });

  it('refuses a device_type that only Object.prototype knows, naming the row', async () => {
    await withApi(async (h) => {
      const csv = csvOf([deviceRow('10.0.0.1', { device_type: '__proto__' })]);
      const res = await importRequest(h, csv, '', 'application/json');
      expect(res.status).toBe(400);
      expect(JSON.parse(res.body as string).error.details).toEqual([
        expect.objectContaining({ path: 'device_type', row: 2 }),
      ]);
    });
  });

  it('answers a path with broken percent-encoding with 400, not 500', async () => {
    await withApi(async (h) => {
      const res = await h
        .http()
        .get('/api/v1/jobs/%E0%A4%A')
        .set('Authorization', h.auth('viewer'));
      expect(res.status).toBe(400);
      expect(res.body.error).toEqual({
        code: 'validation_failed',
        message: 'the request path is malformed',
        details: [{ path: '(path)', message: 'a path segment is not valid percent-encoding' }],
      });
    });
  });
});

describe('POST /devices/import?validate=connect', () => {
  it('stores the inventory and reports login, refused auth and a closed port per device', async () => {
    const fleet = await startFleet({
      devices: [
        { platform: 'cisco_ios' },
        { platform: 'arista_eos' },
        { platform: 'juniper_junos', faults: { authFailures: Infinity } },
        { platform: 'cisco_ios', faults: { authFailures: Infinity } },
        { platform: 'linux' },
      ],
    });
    try {
      await withApi(async (h) => {
        const closed = await freePort();
        const csv = `${fleet.toCsv()}127.0.0.1,${closed},cisco_ios,netops,pw,closed,false,\n`;
        const res = await importRequest(h, csv, '?validate=connect', 'application/json');
        expect(res.status).toBe(200);
        const body = JSON.parse(res.body as string);
        expect(body).toMatchObject({ imported: 6, rejected: [] });
        const d = fleet.devices;
        expect(body.connection).toEqual({
          checked: 6,
          reachable: 5,
          login_ok: 3,
          devices: [
            { key: d[0]!.key, reachable: true, login: true, error_code: null },
            { key: d[1]!.key, reachable: true, login: true, error_code: null },
            { key: d[2]!.key, reachable: true, login: false, error_code: 'auth_failed' },
            { key: d[3]!.key, reachable: true, login: false, error_code: 'auth_failed' },
            { key: d[4]!.key, reachable: true, login: true, error_code: null },
            {
              key: `127.0.0.1:${closed}`,
              reachable: false,
              login: false,
              error_code: 'connection_refused',
            },
          ],
        });
        expect(await h.deps.inventory.all()).toHaveLength(6);
        for (const device of d) expect(res.body as string).not.toContain(device.password);
        // TOFU (the default policy) recorded the keys of the devices that answered.
        const recorded = await h.redis.redis.hgetall(`${h.redis.prefix}:hostkeys`);
        expect(recorded[d[0]!.key]).toBe(d[0]!.hostKeyFingerprint());
        expect(d[0]!.sessions().length).toBe(1);
      });
    } finally {
      await fleet.close();
    }
  });

  it('streams connection-check progress and the report in the complete line', async () => {
    const fleet = await startFleet({ devices: 4, platforms: ['cisco_ios'] });
    try {
      await withApi(async (h) => {
        const { lines } = await streamed(h, fleet.toCsv(), '?validate=connect');
        const connect = lines.filter((l) => l.phase === 'connect');
        expect(connect.map((l) => l.checked)).toEqual([1, 2, 3, 4]);
        expect(lines.at(-1)).toMatchObject({
          type: 'complete',
          imported: 4,
          connection: { checked: 4, reachable: 4, login_ok: 4 },
        });
      });
    } finally {
      await fleet.close();
    }
  });
});
