import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { PLATFORMS } from '@fleetpush/domain';
import {
  replay,
  type ConversationFixture,
  type FixtureStep,
  type Splitter,
} from '../__test-support__/scripted-device';

const DIR = join(__dirname, '__fixtures__');
const fixtures: [string, ConversationFixture][] = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => [f, JSON.parse(readFileSync(join(DIR, f), 'utf8')) as ConversationFixture]);

/** Cuts text into pieces of `n` bytes (the fixtures' wire form is one char per byte). */
const every =
  (n: number): Splitter =>
  (text) =>
    Array.from({ length: Math.ceil(text.length / n) }, (_, i) => text.slice(i * n, i * n + n));

const SPLITTERS: [string, Splitter][] = [
  ['whole reads', (t) => [t]],
  ['1-byte reads', every(1)],
  ['3-byte reads', every(3)],
  ['7-byte reads', every(7)],
];

function expected(step: FixtureStep): unknown {
  if ('exec' in step) {
    const shape = { command: step.exec, output: step.output, durationMs: expect.any(Number) };
    return step.rejected === undefined ? shape : { ...shape, rejected: step.rejected };
  }
  if ('configure' in step) {
    return step.rejectedLine === undefined
      ? expect.any(Array)
      : { rejectedLine: step.rejectedLine, matched: step.matched };
  }
  if ('save' in step) return step.output;
  return step.matched === undefined
    ? step.output
    : { rejectedLine: step.commit, matched: step.matched };
}

describe('platform transcript fixtures', () => {
  it('cover every platform', () => {
    const covered = new Set(fixtures.map(([, f]) => f.platform));
    expect(PLATFORMS.filter((p) => !covered.has(p))).toEqual([]);
  });

  describe.each(fixtures)('%s', (_name, fixture) => {
    it.each(SPLITTERS)('replays with %s', async (_how, split) => {
      const result = await replay(fixture, split);
      expect(result.prompt).toBe(fixture.expectPrompt);
      expect(result.outputs).toEqual((fixture.steps ?? []).map(expected));
      for (const secret of [fixture.password, fixture.enableSecret]) {
        if (secret !== undefined) expect(result.transcript).not.toContain(secret);
      }
    });
  });

  it('replays every fixture with reads cut at arbitrary points', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...fixtures),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 30 }),
        async ([, fixture], sizes) => {
          let k = 0;
          const split: Splitter = (text) => {
            const parts: string[] = [];
            for (let i = 0; i < text.length;) {
              const n = sizes[k++ % sizes.length] ?? 1;
              parts.push(text.slice(i, i + n));
              i += n;
            }
            return parts;
          };
          const result = await replay(fixture, split);
          expect(result.prompt).toBe(fixture.expectPrompt);
          expect(result.outputs).toEqual((fixture.steps ?? []).map(expected));
        },
      ),
      { numRuns: 60 },
    );
  });
});
