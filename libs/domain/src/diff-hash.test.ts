import { diffHash, normaliseDiff } from './diff-hash';

const body = (lines: string[]) => ['--- pre', '+++ post', ...lines, ''].join('\n');

describe('normaliseDiff', () => {
  it('drops file headers and hunk line numbers but keeps a removed line that starts with "--"', () => {
    const d = body(['@@ -10,2 +10,2 @@', ' ctx', '--- not a header', '+++ nor this']);
    expect(normaliseDiff(d)).toBe(['@@', ' ctx', '--- not a header', '+++ nor this'].join('\n'));
  });

  it('ignores CRs and trailing blanks', () => {
    expect(normaliseDiff(body(['@@ -1 +1 @@', '-a  \r', '+b\r']))).toBe('@@\n-a\n+b');
  });

  it('leaves out lines matching ignore patterns, whatever their flags', () => {
    const d = body([
      '@@ -1,3 +1,3 @@',
      '-uptime is 5 weeks',
      '+uptime is 6 weeks',
      ' ntp',
      '-x',
      '+y',
    ]);
    const ignoreLines = [/^uptime is/g, /^Last/y];
    expect(normaliseDiff(d, { ignoreLines })).toBe('@@\n ntp\n-x\n+y');
    // Twice in a row: a stateful global regexp would skip every other match.
    expect(normaliseDiff(d, { ignoreLines })).toBe('@@\n ntp\n-x\n+y');
    expect(normaliseDiff(d, { ignoreLines, ignoreContext: true })).toBe('@@\n-x\n+y');
  });

  it('is empty when only ignored lines changed', () => {
    const d = body(['@@ -1,2 +1,2 @@', ' hostname a', '-clock 10:00', '+clock 10:01']);
    expect(normaliseDiff(d, { ignoreLines: [/^clock /] })).toBe('');
  });
});

describe('diffHash', () => {
  it('groups diffs that differ only by ignored lines and separates real changes', () => {
    const a = body(['@@ -1,2 +1,2 @@', '-clock 10:00', '+clock 10:01', '-vlan 10', '+vlan 20']);
    const b = body(['@@ -7,2 +7,2 @@', '-clock 11:00', '+clock 11:07', '-vlan 10', '+vlan 20']);
    const c = body(['@@ -1,2 +1,2 @@', '-clock 10:00', '+clock 10:01', '-vlan 10', '+vlan 30']);
    const options = { ignoreLines: [/^clock /] };
    expect(diffHash(a, options)).toBe(diffHash(b, options));
    expect(diffHash(a, options)).not.toBe(diffHash(c, options));
    expect(diffHash(a)).not.toBe(diffHash(b));
    expect(diffHash(a)).toMatch(/^[0-9a-f]{16}$/);
  });
});
