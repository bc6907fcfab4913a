import type { Server } from 'node:http';
import {
  apiErrorSchema,
  controlRequestSchema,
  credentialProfileInputSchema,
  jobSubmissionSchema,
} from '@fleetpush/contracts';
import { installLeakCheck } from '@fleetpush/testing';
import fc from 'fast-check';
import request from 'supertest';
import type { z } from 'zod';
import { withApi } from './__fixtures__/api-harness';
import { createTokenSchema } from './routes/token-routes';

installLeakCheck();

/** Generated bodies in all (≥ 2,000 as the API's robustness target). */
const RUNS = 2_000;

/** A JSON route, the schema its body must match, and what a valid body gets. */
interface Target {
  readonly path: string;
  readonly schema: z.ZodType;
  readonly validStatuses: readonly number[];
}

const TARGETS = {
  // The inventory is empty: a valid submission is refused by planning (400 with details).
  jobs: { path: '/api/v1/jobs', schema: jobSubmissionSchema, validStatuses: [400] },
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

const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom('', ' ', 'a\nb', '{{x}}', '10.0.0.1:22', 'all'),
);
const loose = fc.oneof(
  text,
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(text, { maxLength: 3 }),
  fc.jsonValue({ maxDepth: 2 }),
);

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

/** A request: a target and its body, sometimes a structured one, sometimes any JSON at all. */
const cases = fc.oneof(
  fc.tuple(fc.constant(TARGETS.jobs), fc.oneof(jobBody, fc.jsonValue())),
  fc.tuple(fc.constant(TARGETS.tokens), fc.oneof(tokenBody, fc.jsonValue())),
  fc.tuple(fc.constant(TARGETS.credentials), fc.oneof(credentialBody, fc.jsonValue())),
  fc.tuple(fc.constant(TARGETS.control), fc.oneof(controlBody, fc.jsonValue())),
);

function listen(server: Server): Promise<void> {
  return new Promise((resolve) => server.once('listening', () => resolve()));
}

describe('fuzzed JSON bodies', () => {
  it(`answers ${RUNS} generated bodies with 4xx and details (or the valid body's status), never 5xx`, async () => {
    await withApi(async (h) => {
      const server = h.app.listen(0, '127.0.0.1');
      await listen(server);
      let fiveHundreds = 0;
      try {
        await fc.assert(
          fc.asyncProperty(cases, async ([target, body]) => {
            const res = await request(server)
              .post(target.path)
              .set('Authorization', h.auth('admin'))
              .set('Content-Type', 'application/json')
              .send(JSON.stringify(body));
            if (res.status >= 500) fiveHundreds += 1;
            const valid =
              body !== null && typeof body === 'object' && target.schema.safeParse(body).success;
            const expected = valid ? target.validStatuses : [400];
            expect([target.path, expected.includes(res.status)]).toEqual([target.path, true]);
            if (res.status < 400) return;
            const error = apiErrorSchema.parse(res.body).error;
            if (res.status === 400) expect(error.details?.length ?? 0).toBeGreaterThan(0);
          }),
          { numRuns: RUNS },
        );
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
      expect(fiveHundreds).toBe(0);
      expect(h.logs.join('')).not.toContain('unhandled API error');
    });
  }, 180_000);
});
