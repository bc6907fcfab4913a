import fc from 'fast-check';
import { Redactor } from './redactor';
import { ShellChannel } from './shell-channel';

// Control characters are rewritten by the screen (not text a secret can be made of).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\x00-\x1f\x7f]/;

/** Feeds `text` to a fresh channel in pieces cut at `cuts`; returns transcript and tapped lines. */
function throughChannel(
  secrets: string[],
  text: string,
  cuts: number[],
): { transcript: string; tap: string } {
  const lines: string[] = [];
  const channel = new ShellChannel({
    write: () => undefined,
    secrets,
    transcriptMaxBytes: 1 << 20,
    onLine: (line) => lines.push(line),
    pagers: [],
  });
  const bytes = Buffer.from(text, 'utf8');
  let at = 0;
  for (const cut of [...cuts, bytes.length]) {
    channel.receive(bytes.subarray(at, Math.max(at, cut)));
    at = Math.max(at, cut);
  }
  channel.finish();
  return { transcript: channel.transcript().text, tap: lines.join('\n') };
}

describe('Redactor', () => {
  it('redacts every occurrence in a string, longest secret first', () => {
    const r = new Redactor(['abc', 'abcdef', undefined, '']);
    expect(r.redact('x abcdef y abc z')).toBe('x ******** y ******** z');
  });

  it('never uses a marker that contains a secret', () => {
    const r = new Redactor(['***']);
    expect(r.marker).not.toContain('***');
    expect(r.redact('pw=***')).not.toContain('***');
  });

  it('holds back only a tail that could still become a secret', () => {
    const r = new Redactor(['hunter2']);
    expect(r.push('password is hun')).toBe('password is ');
    expect(r.push('ter2!')).toBe('********!');
    expect(r.push(' hunt')).toBe(' ');
    expect(r.push('ing')).toBe('hunting');
    expect(r.flush()).toBe('');
  });

  it('a secret split at every possible boundary never reaches the transcript or the tap', () => {
    const secret = 'Sup3r$ecret!';
    const text = `R1#show run\r\nusername admin secret ${secret}\r\n${secret}${secret} x${secret}\r\nR1#`;
    const length = Buffer.byteLength(text);
    for (let a = 0; a <= length; a++) {
      for (const b of [a, a + 1, a + 5, length]) {
        const { transcript, tap } = throughChannel([secret], text, [a, Math.min(b, length)]);
        expect(transcript).not.toContain(secret);
        expect(tap).not.toContain(secret);
      }
    }
  });

  it('property: secrets never appear, however the stream is cut and whatever surrounds them', () => {
    const secretArb = fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: 12 })
      .filter((s) => s.trim() !== '' && !CONTROL.test(s));
    fc.assert(
      fc.property(
        fc.array(secretArb, { minLength: 1, maxLength: 3 }),
        fc.array(
          fc.oneof(
            fc.string({ maxLength: 8 }),
            fc.nat(2).map((i) => `#${i}`),
            fc.constant('\r\n'),
          ),
          { maxLength: 12 },
        ),
        fc.array(fc.nat(200), { maxLength: 8 }),
        (secrets, fillers, cuts) => {
          // Interleave secrets (by index) with filler text, with repeats and adjacency.
          const text = fillers
            .map((f) =>
              f.startsWith('#') ? (secrets[Number(f.slice(1)) % secrets.length] ?? '') : f,
            )
            .concat(secrets)
            .join('');
          const { transcript, tap } = throughChannel(
            secrets,
            text,
            [...cuts].sort((x, y) => x - y),
          );
          for (const secret of secrets) {
            // Whitespace-edged secrets may be trimmed at line ends; the rest must be gone.
            const visible = secret.trim();
            if (visible.length < secret.length) continue;
            expect(transcript).not.toContain(secret);
            expect(tap).not.toContain(secret);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
