import fc from 'fast-check';

/** Any UTF-16 code unit, with line breaks and controls made frequent. (`unit: 'binary'` is slow to set up.) */
const anyUnit = fc.oneof(
  fc.constantFrom('\n', '\r', '\t', '\u0000', '\u001b', '\u007f', '\u0085', '\u2028', '\u202e'),
  fc.integer({ min: 0, max: 0xffff }).map((u) => String.fromCharCode(u)),
  fc.string({ minLength: 1, maxLength: 1 }),
);
import { compileTemplate, renderTemplate } from './template';

const from =
  (values: Record<string, string>) =>
  (name: string): string | undefined =>
    Object.hasOwn(values, name) ? values[name] : undefined;

describe('compileTemplate', () => {
  it('finds variables with or without spaces inside the braces, in order of first use', () => {
    const t = compileTemplate(['interface {{ ifname }}', ' description {{desc}} on {{ifname}}']);
    expect(t.variables).toEqual(['ifname', 'desc']);
    expect(t.firstUse.get('desc')).toBe(2);
  });

  it('leaves non-identifier tokens literal and lists them, so preflight can warn', () => {
    const t = compileTemplate([
      "docker inspect --format '{{.State.Running}}' {{name}}",
      'vlan {{vlan-id}}',
      'x {{1abc}}',
    ]);
    expect(t.variables).toEqual(['name']);
    expect(t.literalTokens).toEqual([
      { line: 1, token: '{{.State.Running}}' },
      { line: 2, token: '{{vlan-id}}' },
      { line: 3, token: '{{1abc}}' },
    ]);
    const out = renderTemplate(t, from({ name: 'web' }));
    expect(out).toEqual({
      ok: true,
      value: ["docker inspect --format '{{.State.Running}}' web", 'vlan {{vlan-id}}', 'x {{1abc}}'],
    });
  });

  it('finds an identifier token nested in a non-token', () => {
    const out = renderTemplate(compileTemplate(['{{ {{x}} }}']), from({ x: 'v' }));
    expect(out).toEqual({ ok: true, value: ['{{ v }}'] });
  });

  it('reports template lines carrying a control character', () => {
    const t = compileTemplate(['ok', 'bad\tline', 'fine']);
    expect(t.unsafeLines).toEqual([
      { line: 2, character: { index: 3, codePoint: 9, name: 'TAB (U+0009)' } },
    ]);
  });
});

describe('renderTemplate', () => {
  it('substitutes every occurrence, in a single pass', () => {
    const t = compileTemplate(['{{a}}-{{b}}-{{a}}', 'literal']);
    expect(renderTemplate(t, from({ a: '{{b}}', b: '2' }))).toEqual({
      ok: true,
      value: ['{{b}}-2-{{b}}', 'literal'],
    });
  });

  it('refuses every unresolved or unsafe variable at once and renders nothing', () => {
    const t = compileTemplate(['a {{x}}', 'b {{y}}', 'c {{z}}']);
    const out = renderTemplate(t, from({ x: 'ok', y: 'one\ntwo' }));
    expect(out).toEqual({
      ok: false,
      error: [
        {
          kind: 'unsafe_value',
          variable: 'y',
          character: { index: 3, codePoint: 10, name: 'LF (U+000A)' },
        },
        { kind: 'unresolved', variable: 'z' },
      ],
    });
  });

  it('accepts empty values', () => {
    expect(renderTemplate(compileTemplate(['x{{e}}y']), from({ e: '' }))).toEqual({
      ok: true,
      value: ['xy'],
    });
  });

  it('keeps the line count for any values that pass validation (property)', () => {
    const name = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,5}$/);
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.string({ unit: anyUnit, maxLength: 20 }),
            fc.option(name, { nil: undefined }),
          ),
          {
            maxLength: 12,
          },
        ),
        fc.dictionary(name, fc.string({ unit: anyUnit, maxLength: 20 })),
        fc.string({ unit: anyUnit, maxLength: 20 }),
        (parts, values, anyValue) => {
          const lines = parts.map(([text, v]) => (v === undefined ? text : `${text}{{${v}}}`));
          const t = compileTemplate(lines);
          const lookup = (n: string): string => (Object.hasOwn(values, n) ? values[n]! : anyValue);
          const out = renderTemplate(t, lookup);
          if (out.ok) expect(out.value).toHaveLength(lines.length);
          if (out.ok && t.unsafeLines.length === 0) {
            for (const line of out.value) expect(line).not.toMatch(/[\r\n\u2028\u2029\u0085]/);
          }
        },
      ),
    );
  });

  it('leaves no {{identifier}} of the scope behind when every variable is present (property)', () => {
    const name = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,5}$/);
    const text = fc.stringMatching(/^[a-z {}_.-]{0,12}$/);
    const safeValue = fc.string().filter((s) => !/[{}]/.test(s));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(text, name, fc.constantFrom(' ', '', '  ')), { maxLength: 10 }),
        fc.dictionary(name, safeValue),
        safeValue,
        (parts, values, fallback) => {
          const lines = parts.map(([t, v, pad]) => `${t}{{${pad}${v}${pad}}}`);
          const scope: Record<string, string> = { ...values };
          for (const [, v] of parts) scope[v] ??= fallback;
          const out = renderTemplate(compileTemplate(lines), from(scope));
          if (!out.ok) {
            // Only a token formed by the literal text itself may name something outside the scope.
            for (const e of out.error)
              expect(e).toEqual({ kind: 'unresolved', variable: e.variable });
            for (const e of out.error) expect(Object.hasOwn(scope, e.variable)).toBe(false);
            return;
          }
          for (const line of out.value) {
            for (const match of line.matchAll(/\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g)) {
              expect(Object.hasOwn(scope, match[1]!)).toBe(false);
            }
          }
        },
      ),
    );
  });
});
