import { ScreenBuffer } from './screen-buffer';

function screen(...chunks: string[]): ScreenBuffer {
  const s = new ScreenBuffer();
  for (const c of chunks) s.write(c);
  return s;
}

describe('ScreenBuffer', () => {
  it('folds CRLF variants into one newline', () => {
    const s = screen('a\r\nb\r\r\nc\n\rd\ne');
    expect(s.committed).toBe('a\nb\nc\nd\n');
    expect(s.partial).toBe('e');
  });

  it('keeps a CR split from its LF across reads as one line end', () => {
    const s = screen('line\r', '\nR1#');
    expect(s.committed).toBe('line\n');
    expect(s.partial).toBe('R1#');
  });

  it('strips CSI, OSC and charset sequences, also when split across reads', () => {
    const s = screen('\x1b[1;3', '2mR1\x1b', '[0m#\x1b]0;title\x07\x1b(B');
    expect(s.partial).toBe('R1#');
  });

  it('applies backspaces, a lone CR and ESC[K the way a terminal shows them', () => {
    expect(screen(' --More-- \b\b\b\b\b\b\b\b\b\b          \b\b\b\b\b\b\b\b\b\bnext').partial).toBe(
      'next      ',
    );
    expect(screen('---(more)---\r            \rroute 1').partial).toBe('route 1     ');
    expect(screen('abcdef\r\x1b[Kxy').partial).toBe('xy');
    expect(screen('abc\x1b[2Dz').partial).toBe('azc');
  });

  it('right-trims completed lines but keeps a prompt trailing space', () => {
    const s = screen('text   \r\nadmin@vmx1> ');
    expect(s.committed).toBe('text\n');
    expect(s.partial).toBe('admin@vmx1> ');
  });

  it('drops bells and NULs and keeps tabs', () => {
    expect(screen('a\x07\x00\tb').partial).toBe('a\tb');
  });

  it('counts lines and can forget committed text', () => {
    const s = screen('a\nb\nc');
    expect(s.lineCount).toBe(2);
    s.resetCommitted();
    expect(s.committed).toBe('');
    expect(s.partial).toBe('c');
    expect(s.flush()).toBe('c\n');
  });
});
